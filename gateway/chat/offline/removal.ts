/**
 * What a removal names: "remove pepper from my grocery list", "take milk off my list", "cancel
 * my meeting tomorrow", "clear my schedule for today", "delete the next event on the calendar",
 * "i don't want eggs".
 */
export interface Removal {
  /** The words that name the task (may be vague: "item", "it", "all events"). */
  reference: string;
  /** The list's name: "grocery" from "my grocery list". */
  list?: string;
  /** The day or days named ("tomorrow", "for the next 5 days"). */
  when?: string;
  /** The clock time named, on the wall clock: "at 1 pm" → { hour: 13, minute: 0 }. */
  at?: { hour: number; minute: number };
  /** Everything that matches: "clear", "all", "everything". */
  all: boolean;
  /** The next upcoming one. */
  next: boolean;
  /** It is about the calendar (tasks with a date), not a list. */
  calendar: boolean;
  /** Said how to find it beyond a title: a list, the calendar, "i don't want", "cross out". */
  placed: boolean;
}

const verb =
  /^(?:remove|delete|cancel|drop|erase|clear(?: out)?|wipe(?: out)?|cross (?:out|off)|take|scratch|i (?:don't|do not) (?:want|need))\s+/i;
const place =
  /\s*\b(?:from|off(?: of)?|on|in|out of)\s+(?:(?:my|the|our|this|a)\s+)?(?:(.+?)\s+)?(list|calendar|schedule|agenda|diary)\b/i;
const dayWords =
  /\b(?:(?:for|on|from)\s+)?(?:the\s+)?(?:today|tonight|tomorrow|yesterday|this (?:morning|afternoon|evening|week|weekend|month)|weekend|next (?:week|weekend|month|\d+ days)|rest of the (?:day|week)|(?:next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:january|february|march|april|may|june|july|august|september|october|november|december)|the \d{1,2}(?:st|nd|rd|th))\b(?:\s+at\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)?)?/i;

/**
 * A reference with its day taken apart: "the meeting i have tomorrow morning" → "meeting",
 * "tomorrow morning"; undefined when it names no day.
 */
export function splitDay(reference: string): { rest: string; when: string } | undefined {
  const day = reference.match(dayWords);
  if (!day) return undefined;
  const rest = `${reference.slice(0, day.index)} ${reference.slice(day.index! + day[0].length)}`
    .replace(/\b(?:(?:at|in the|in|this)\s+)?(?:morning|afternoon|evening|night)\b/gi, ' ')
    .replace(/\b(?:(?:that|which)\s+)?(?:i have|i've got|i got|scheduled|planned)\b/gi, ' ')
    .replace(/\s+(?:at|on|for|from)\s*$/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return rest === '' ? undefined : { rest, when: day[0].replace(/^(?:for|on|from)\s+/i, '') };
}

/** "at 1 pm", "at 13:30", "at 3" (a bare hour 1–7 is the afternoon, as when reading dates). */
const clockTime =
  /\b(?:at|around)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?(?=\s|$)|\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)(?=\s|$)/i;

function clockOf(match: RegExpMatchArray): { hour: number; minute: number } | undefined {
  const hour = Number(match[1] ?? match[4]);
  const minute = Number(match[2] ?? match[5] ?? 0);
  const half = (match[3] ?? match[6])?.toLowerCase();
  if (hour > 23 || minute > 59 || (half && (hour < 1 || hour > 12))) return undefined;
  if (half === 'pm') return { hour: hour === 12 ? 12 : hour + 12, minute };
  if (half === 'am') return { hour: hour === 12 ? 0 : hour, minute };
  return { hour: hour >= 1 && hour <= 7 ? hour + 12 : hour, minute };
}

export function readRemoval(text: string): Removal | undefined {
  // "make sure my calendar is completely clear tomorrow": clearing, said as the state wanted.
  text = text.replace(
    /^make sure (?:my|the) (calendar|schedule|agenda|diary) is (?:completely |totally |all )?(?:clear|empty|free)\b/i,
    'clear my $1',
  );
  // "open calendar remove all events", "find list and remove apple": the place is named first.
  const opened = text.match(
    /^(?:open|find|go to|check)\s+(?:(?:the|my)\s+)?(calendar|lists?|schedule)?\s*(?:and\s+)?(?=(?:remove|delete|cancel|erase|clear)\b)/i,
  );
  if (opened) text = text.slice(opened[0].length);
  const start = text.match(verb);
  // "… and all future ones": a series, which the single delete reads.
  if (!start || /\b(?:all future|whole series|entire series)\b/i.test(text)) return undefined;
  let rest = text.slice(start[0].length).replace(/\s+(?:any ?more|and refresh)$/i, '');
  // "take milk off my list": only "take … off/out" removes.
  if (/^take\b/i.test(start[0]) && !/\b(?:off|out of)\b/i.test(rest)) return undefined;
  let list: string | undefined;
  let calendar = false;
  // A whole list: "delete my to do list", "remove the santana music list", "delete list titled x".
  const wholeList = rest.match(
    /^(?:(?:my|the|this|our)\s+)?(?:(?:list|lists)\s+(?:titled|called|named)\s+(.+)|(?!(?:a|an|this|that|the|my|item|new|old)\s+list$)(.+?)\s+list)$/i,
  );
  if (wholeList) {
    const name = (wholeList[1] ?? wholeList[2]!).trim();
    // "the first list", "the item list" name a position or nothing, not a list.
    if (
      !/\b(?:item|items|thing|things|from|off|of|\d+(?:st|nd|rd|th)|first|second|third|last|next|other)\b/i.test(
        name,
      )
    )
      return {
        reference: '',
        list: name,
        all: true,
        next: false,
        calendar: false,
        placed: true,
      };
  }
  const where = rest.match(place);
  if (where) {
    if (where[2]!.toLowerCase() === 'list') list = where[1];
    else calendar = true;
    rest = `${rest.slice(0, where.index)} ${rest.slice(where.index! + where[0].length)}`;
  }
  const clock = rest.match(clockTime);
  const day = rest.match(dayWords);
  const when = day ? day[0].replace(/^(?:for|on|from)\s+/i, '') : undefined;
  if (day) rest = `${rest.slice(0, day.index)} ${rest.slice(day.index! + day[0].length)}`;
  rest = rest
    .replace(
      /\b(?:(?:at|around)\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)(?=\s|$)|\b(?:at|around)\s+\d{1,2}(?::\d{2})?(?=\s|$)/gi,
      ' ',
    )
    .replace(/\s(?:at|on|for|from)\s*$/i, ' ')
    .replace(
      /\b(?:(?:at|in the|in|this)\s+)?(?:morning|afternoon|evening|tonight|night)\b|\b(?:scheduled|i have|that i have|event|events)\b/gi,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
  const all =
    /^(?:clear|wipe)/i.test(start[0]) ||
    /\b(?:all|every|everything|everyone)\b/i.test(rest) ||
    (rest === '' && (calendar || list !== undefined));
  const next = /\bnext\b/i.test(rest) && !/\bnext (?:week|month)\b/i.test(rest);
  const reference = rest
    .replace(/^(?:my|the|a|an|this|that|all(?: of)?(?: my| the)?)\s+/i, '')
    .trim();
  const at = clock ? clockOf(clock) : undefined;
  return {
    reference: reference.replace(/^(?:my|the)\s+/i, ''),
    ...(list ? { list } : {}),
    ...(when ? { when } : {}),
    ...(at ? { at } : {}),
    all,
    next,
    calendar: calendar || /\b(?:events?|meetings?|appointments?|schedule|calendar)\b/i.test(text),
    placed:
      where !== null ||
      opened?.[1] !== undefined ||
      !/^(?:remove|delete|cancel|drop|erase)\b/i.test(start[0]),
  };
}
