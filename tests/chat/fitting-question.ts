import { Temporal } from '@js-temporal/polyfill';
import type { Task } from '../../schemas/task.ts';

/**
 * When a question (or "I can't find it") is the right answer to a SLURP utterance, decided from
 * the annotation and the seeded world alone — never from what the engine did — so that counting
 * such answers as right is not circular:
 *
 * - **nothing named**: once the slots that only say when (date, time, time of day, frequency)
 *   and the words that name no thing (request verbs, determiners, pronouns, fillers, wake words,
 *   the containers "list", "calendar", "event", "reminder", "item") are taken away, no word is
 *   left: "set reminder", "remind me tomorrow at two pm", "add this item to the list".
 * - **not held** (removals): no seeded task has every word that is left in its title or tags
 *   (on the day and at the time the slots name, when they do): "delete the wedding on the tenth".
 * - **several match** (removals): more than one seeded task does, and the sentence does not say
 *   "all" or "every": "delete meeting" with three meetings.
 */
export type QuestionReason = 'nothing named' | 'not held' | 'several match';

const genericWords = new Set(
  `a an the this that these those it its it's my me i i'm im we our you your us some something
  anything thing things stuff one ones any all every everything another new old other following
  for to of on in at from with by off onto into out up about and or so as than then there here
  be is are am was been do does did can could would will should shall may might must let
  please just now also again really sure okay not no don't more ok hey google olly siri alexa cortana
  add put create make set setup include insert note save write enter schedule book plan keep
  remind reminder reminders remember need want like have get give send show tell
  delete remove cancel erase clear drop take scratch cross
  list lists calendar schedule event events entry entries item items appointment
  repeat repeating recurring`.split(/\s+/),
);

/** Slots that say when, not what. */
const whenSlots = /\[\s*(?:date|time|timeofday|general_frequency)\s*:[^\]]*\]/g;

const singular = (word: string) => (word.length > 3 ? word.replace(/s$/, '') : word);

/** The words of an annotated utterance that could name a thing to add or remove. */
export function namingWords(annotation: string): string[] {
  // A list's name is one thing, whatever its words ("to do" is the to-do list).
  const lists = [...annotation.matchAll(/\[\s*list_name\s*:\s*([^\]]*?)\s*\]/g)].map((m) =>
    singular(m[1]!.toLowerCase().replace(/[^a-z0-9]+/g, '')),
  );
  const words = annotation
    .replace(whenSlots, ' ')
    .replace(/\[\s*list_name\s*:[^\]]*\]/g, ' ')
    .replace(/\[\s*[a-z_]+\s*:/g, ' ')
    .replace(/\]/g, ' ')
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9']+/)
    .filter((word) => word !== '' && !genericWords.has(word))
    .map(singular);
  return [...words, ...lists.filter(Boolean)];
}

export interface SeededWhen {
  /** Local date (yyyy-mm-dd) the date slot names, read alone. */
  date?: string;
  /** Local time (hh:mm) the time slot names. */
  time?: string;
  zone: string;
}

const wordsOf = (task: Task) =>
  new Set(
    [
      ...task.title.toLowerCase().split(/[^a-z0-9']+/),
      ...task.tags.map((t) => t.toLowerCase().replace(/[^a-z0-9]+/g, '')),
    ]
      .filter(Boolean)
      .map(singular),
  );

/** Why a question is the fitting answer to an utterance, or undefined when it should act. */
export function questionReason(
  annotation: string,
  family: 'set' | 'query' | 'remove',
  world: readonly Task[],
  when: SeededWhen,
): QuestionReason | undefined {
  if (family === 'query') return undefined;
  const words = namingWords(annotation);
  if (words.length === 0) return 'nothing named';
  if (family !== 'remove') return undefined;
  const local = (task: Task) =>
    task.due_at ? Temporal.Instant.from(task.due_at).toZonedDateTimeISO(when.zone) : undefined;
  const held = world.filter((task) => {
    const own = wordsOf(task);
    if (!words.every((word) => own.has(word))) return false;
    const at = local(task);
    if (when.date && at?.toPlainDate().toString() !== when.date) return false;
    if (when.time && at?.toPlainTime().toString({ smallestUnit: 'minute' }) !== when.time)
      return false;
    return true;
  });
  if (held.length === 0) return 'not held';
  if (held.length > 1 && !/\b(?:all|every|everything)\b/i.test(annotation)) return 'several match';
  return undefined;
}
