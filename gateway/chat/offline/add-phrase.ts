/**
 * The ways people ask for a new task or calendar entry, reduced to the task's own words and its
 * time: "remind me tomorrow at 9 to call the bank" → "call the bank tomorrow at 9", "schedule a
 * meeting with john" → "meeting with john", "add eggs to my shopping list" → "eggs #shopping".
 */
export interface AddRequest {
  /** The task and its time, for the task-phrase reader. */
  sentence: string;
  /** "remind me…": a reminder at the due time. */
  remind: boolean;
}

const kinds =
  '(?:reminder|remainder|notification|alert|alarm|timer|event|calendar (?:entry|event)|entry|appointment reminder|event reminder|note|task|todo|to-do|item)';
const article = '(?:a|an|the|new|my|one|another)';

/** Frames around the task, in the order tried; $1 (and $2) are kept. */
const frames: [RegExp, (m: RegExpMatchArray) => string, boolean][] = [
  // "remind me tomorrow at 9 to call the bank": the time first, then the task.
  // "remind me i need to be at the library at 5": what the person needs to do is the task.
  [
    /^remind me (?:that )?(?:i|we) (?:need|have|must|should|ought|got|'ve got|'ll need) to (.+)$/i,
    (m) => m[1]!,
    true,
  ],
  [/^remind me (?!to |about |of |that )(.+?) to (.+)$/i, (m) => `${m[2]} ${m[1]}`, true],
  [
    /^(?:remind me|remind|remember me|tell me to|send me a reminder|notify me|alert me|let me know)(?: (?:to|about|of|that|for|when))? (.+)$/i,
    (m) => m[1]!,
    true,
  ],
  [
    new RegExp(
      `^(?:set|create|make|add|put|schedule|give me|i need|i want|new)(?: up)?(?: ${article})*(?: \\w+)? ${kinds}(?: for me)?(?: (?:for|to|that|about|of|on|at|with|saying))? (.+)$`,
      'i',
    ),
    (m) => m[1]!,
    true,
  ],
  [
    /^(?:add|put|set|note|write|enter|mark|save)(?: down)? (.+?) (?:to|on|in|into) (?:my|the|our) (?:calendar|schedule|diary|agenda)$/i,
    (m) => m[1]!,
    false,
  ],
  [
    /^(?:in|on|to) (?:my|the) (?:calendar|schedule|diary)(?:,)? (?:put|add|note|write|set)(?: that)? (.+)$/i,
    (m) => m[1]!,
    false,
  ],
  [
    /^(?:mark|block|flag) (?:(?:my|the) (?:calendar|schedule) )?(?:for|with|as) (.+)$/i,
    (m) => m[1]!,
    false,
  ],
  [
    /^(?:schedule|book|arrange|organi[sz]e|plan|set up|fix) (?:a|an|my) (.+)$/i,
    (m) => m[1]!,
    false,
  ],
  [/^(?:schedule|arrange) (.+)$/i, (m) => m[1]!, false],
  [new RegExp(`^${kinds} (?:of|for|about|to) (.+)$`, 'i'), (m) => m[1]!, true],
  [/^set (?!a |an |the |up )(.+)$/i, (m) => m[1]!, false],
  [/^i(?:'ll| will)(?: be)? (.+)$/i, (m) => m[1]!, false],
  // "today needs to be marked as my cheat day"
  [
    /^(.+?) (?:needs to be|should be|is to be) (?:marked|flagged|set) as (.+)$/i,
    (m) => `${m[2]} ${m[1]}`,
    false,
  ],
  [/^(?:i have|i've got|i got|there is|there's|i need) (?:a|an) (.+)$/i, (m) => m[1]!, false],
  [/^(?:remember|don't forget)(?: to| that| about)? (.+)$/i, (m) => m[1]!, true],
];

/** "X to my shopping list", "X on the grocery list": the item, tagged with the list's name. */
const listTarget =
  /^(.+?) (?:to|on|onto|in|into) (?:my|the|our|a) (?:new )?(?:(.+?) )?list(?: for (.+))?$/i;

/** A list's name as a tag: "grocery", "to do" → "todo", "party shopping" → "party-shopping". */
export function listTag(name: string): string {
  const cleaned = name.toLowerCase().replace(/'s$/, '').trim();
  if (/^(?:to[- ]?do|todo|task|tasks)$/.test(cleaned)) return 'todo';
  return cleaned.replace(/\s+/g, '-');
}

/** Reads an add request, or undefined when the sentence does not ask for a new task. */
export function readAddRequest(text: string): AddRequest | undefined {
  let sentence = text.replace(/^(.*?\S)\s*:\s+(.+)$/, (all, head: string, rest: string) =>
    // "every other Tuesday at 6pm: choir practice", "todo: defrost the freezer"
    /^(?:add|todo|task|new task|new|note|reminder)$/i.test(head) ? all : `${rest} ${head}`,
  );
  let remind = false;
  let matched = sentence !== text;
  for (const [pattern, take, reminds] of frames) {
    const match = sentence.match(pattern);
    if (!match) continue;
    sentence = take(match);
    remind = reminds;
    matched = true;
    break;
  }
  // "add eggs to my shopping list", "put pencil on a new grocery list"
  const verb = /^(?:add|put|include|insert|write|enter)\s+/i;
  const list = matched || verb.test(sentence) ? sentence.replace(verb, '').match(listTarget) : null;
  if (list && (list[2] === undefined || !/\b(?:calendar|schedule)\b/i.test(list[2]))) {
    const tag = list[2] ? listTag(list[2]) : undefined;
    return {
      sentence: `${list[1]}${list[3] ? ` ${list[3]}` : ''}${tag ? ` #${tag}` : ''}`,
      remind: false,
    };
  }
  if (/^(?:add|create|new|put|todo|task|i need to|i have to|i must|i should)\b/i.test(sentence))
    matched = true;
  return matched ? { sentence, remind } : undefined;
}
