import { Temporal } from '@js-temporal/polyfill';
import type { RecurrenceInput } from '../../../schemas/recurrence.ts';
import type { TaskPriority } from '../../../schemas/task.ts';
import { findWhen } from './when.ts';
import { computableTimeZone } from '../../../schemas/time-zone.ts';

/** What a sentence says about a task: everything it names is taken out of the title. */
export interface TaskPhrase {
  title: string;
  priority?: TaskPriority;
  tags: string[];
  due_at?: string;
  recurrence?: RecurrenceInput;
  /** ISO 8601 duration before due ("PT30M"). */
  reminder_before?: string;
}

const dayCodes: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const dayPattern = '(?:wednes|thurs|satur|tues|thur|mon|tue|wed|thu|fri|sat|sun)(?:day)?s?\\b';
const byDay = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const ordinalWeek: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  last: -1,
};
const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
};

const toNumber = (word: string) => numberWords[word.toLowerCase()] ?? Number(word);

function dayIndex(word: string): number | undefined {
  return dayCodes[word.toLowerCase().slice(0, 3)];
}

/** "30 minutes", "an hour", "2 days" → ISO 8601 duration. */
export function durationOf(amount: string, unit: string): string | undefined {
  const n = toNumber(amount);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const u = unit.toLowerCase();
  if (u.startsWith('m')) return `PT${n}M`;
  if (u.startsWith('h')) return `PT${n}H`;
  if (u.startsWith('d')) return `P${n}D`;
  if (u.startsWith('w')) return `P${n * 7}D`;
  return undefined;
}

export const reminderPattern =
  /\b(?:and\s+)?(?:remind me|with a reminder|reminder)\s+(\d+|an?|one|two|five|ten|fifteen|twenty|thirty)\s*(minutes?|mins?|hours?|hrs?|days?|weeks?)\s+(?:before|ahead|earlier)(?:\s+(?:it'?s\s+)?due)?/i;

/**
 * Reads recurrence phrases: "every Monday", "every weekday", "daily", "every 2 weeks",
 * "monthly on the 15th", "every month on the 1st".
 */
function takeRecurrence(text: string):
  | {
      recurrence: RecurrenceInput;
      rest: string;
      days?: number[];
      dayOfMonth?: number;
      nthWeekday?: number;
      dated?: boolean;
    }
  | undefined {
  const patterns: [
    RegExp,
    (m: RegExpMatchArray) => {
      recurrence: RecurrenceInput;
      days?: number[];
      dayOfMonth?: number;
      /** The date the sentence gives is the first occurrence ("every year on April 15"). */
      dated?: boolean;
      /** With `days`: the n-th such weekday of the month, -1 the last. */
      nthWeekday?: number;
    },
  ][] = [
    [
      // "on the last Friday of each month", "every second Tuesday of the month"
      new RegExp(
        `\\b(?:on\\s+)?(?:the\\s+|every\\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last)\\s+(${dayPattern})\\s+(?:of\\s+)?(?:each|every|the)\\s+month\\b`,
        'i',
      ),
      (m) => {
        const day = dayIndex(m[2]!)!;
        return {
          recurrence: {
            rrule: `FREQ=MONTHLY;BYDAY=${ordinalWeek[m[1]!.toLowerCase()]}${byDay[day]}`,
            repeat_from: 'due',
          },
          days: [day],
          nthWeekday: ordinalWeek[m[1]!.toLowerCase()],
        };
      },
    ],
    [
      // "every year on April 15", "yearly", "annually", "every june 3rd"
      /\b(?:every\s+year|each\s+year|yearly|annually|once\s+a\s+year)\b|\bevery\s+(?=(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)/i,
      () => ({ recurrence: { frequency: 'yearly', interval: 1, repeat_from: 'due' }, dated: true }),
    ],
    [
      // "monthly on the 15th", "every month on the 1st", "on the 1st of every month"
      /\b(?:(?:monthly|every month)\s+on\s+the\s+(\d{1,2})(?:st|nd|rd|th)?|(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:every|each)\s+month)\b/i,
      (m) => {
        const day = Number(m[1] ?? m[2]);
        return {
          recurrence: { frequency: 'monthly', interval: 1, day_of_month: day, repeat_from: 'due' },
          dayOfMonth: day,
        };
      },
    ],
    [
      /\bevery\s+weekday\b/i,
      () => ({
        recurrence: {
          frequency: 'weekly',
          interval: 1,
          days_of_week: [1, 2, 3, 4, 5],
          repeat_from: 'due',
        },
        days: [1, 2, 3, 4, 5],
      }),
    ],
    [
      new RegExp(
        `\\bevery\\s+(other\\s+)?(${dayPattern}(?:\\s*(?:,|and|&)\\s*${dayPattern})*)`,
        'i',
      ),
      (m) => {
        const days = [
          ...new Set(
            m[2]!
              .split(/\s*(?:,|and|&)\s*/i)
              .map((d) => dayIndex(d.trim()))
              .filter((d): d is number => d !== undefined),
          ),
        ].sort();
        return {
          recurrence: {
            frequency: 'weekly',
            interval: m[1] ? 2 : 1,
            days_of_week: days,
            repeat_from: 'due',
          },
          days,
        };
      },
    ],
    [
      /\bevery\s+(\d+|two|three|four)\s+(day|week|month)s\b/i,
      (m) => ({
        recurrence: {
          frequency: unitFrequency(m[2]!),
          interval: toNumber(m[1]!),
          repeat_from: 'due',
        },
      }),
    ],
    [
      /\bevery\s+other\s+(day|week|month)\b/i,
      (m) => ({ recurrence: { frequency: unitFrequency(m[1]!), interval: 2, repeat_from: 'due' } }),
    ],
    [
      /\b(?:every\s+(?:single\s+)?(day|week|month)|each\s+(day|week|month)|(daily|weekly|monthly))\b/i,
      (m) => ({
        recurrence: {
          frequency: unitFrequency(m[1] ?? m[2] ?? m[3]!),
          interval: 1,
          repeat_from: 'due',
        },
      }),
    ],
  ];
  for (const [pattern, build] of patterns) {
    const match = text.match(pattern);
    if (match) return { ...build(match), rest: cut(text, match.index!, match[0].length) };
  }
  return undefined;
}

function unitFrequency(unit: string): 'daily' | 'weekly' | 'monthly' {
  const u = unit.toLowerCase();
  if (u.startsWith('day') || u === 'daily') return 'daily';
  if (u.startsWith('week')) return 'weekly';
  return 'monthly';
}

/** Words taken out of a sentence, with the preposition that led to them ("… on may 5th"). */
const cut = (text: string, index: number, length: number) =>
  `${text.slice(0, index).replace(/\b(?:on|at|by|starting|starting at|due)\s*$/i, '')} ${text.slice(index + length)}`;

/** The first due instant of a rule when the sentence gave only the rule (and maybe a time). */
function firstOccurrence(
  now: Date,
  timeZone: string,
  time: { hour: number; minute: number },
  days?: number[],
  dayOfMonth?: number,
  nthWeekday?: number,
): string {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(
    computableTimeZone(timeZone),
  );
  let candidate = today.with({
    hour: time.hour,
    minute: time.minute,
    second: 0,
    millisecond: 0,
    microsecond: 0,
    nanosecond: 0,
  });
  const fits = (date: Temporal.ZonedDateTime) => {
    if (days && nthWeekday !== undefined) {
      if (!days.includes(date.dayOfWeek % 7)) return false;
      return nthWeekday > 0
        ? Math.ceil(date.day / 7) === nthWeekday
        : date.day + 7 > date.daysInMonth;
    }
    if (days) return days.includes(date.dayOfWeek % 7);
    if (dayOfMonth) return date.day === Math.min(dayOfMonth, date.daysInMonth);
    return true;
  };
  for (let i = 0; i < 400; i++) {
    if (Temporal.ZonedDateTime.compare(candidate, today) > 0 && fits(candidate)) break;
    candidate = candidate.add({ days: 1 });
  }
  return candidate.toInstant().toString({ smallestUnit: 'millisecond' });
}

const leadingVerbs =
  /^(?:please\s+)?(?:(?:can you|could you|would you)\s+)?(?:add|create|new|put|schedule|make)?\s*(?:a\s+)?(?:new\s+)?(?:task|todo|to-do|reminder)?\s*(?:to|:|-)?\s*(?:remind me to|i need to|i have to|i must|i should|don'?t forget to|need to|have to|remember to)?\s*/i;

/** Reads a task out of a sentence such as "add buy milk tomorrow 5pm #home high priority". */
export function parseTaskPhrase(sentence: string, timeZone: string, now: Date): TaskPhrase {
  let text = ` ${sentence.trim()} `;
  const phrase: TaskPhrase = { title: '', tags: [] };

  const reminder = text.match(reminderPattern);
  if (reminder) {
    phrase.reminder_before = durationOf(reminder[1]!, reminder[2]!);
    text = cut(text, reminder.index!, reminder[0].length);
  }
  text = text.replace(/#([\p{L}\p{N}_-]+)/gu, (_all, tag: string) => {
    phrase.tags.push(tag);
    return ' ';
  });
  text = text.replace(
    /\b(?:tag(?:ged)?|label(?:led)?)\s+(?:it\s+|as\s+|with\s+)?([\p{L}\p{N}_-]+(?:\s+and\s+[\p{L}\p{N}_-]+)*)/giu,
    (_all, tags: string) => {
      phrase.tags.push(...tags.split(/\s+and\s+/i));
      return ' ';
    },
  );
  // "!high", "!urgent": the short form task apps use (a lone "!" is "high" below).
  const marked = text.match(/(?<=\s)!(urgent|high|medium|normal|low)\b/i);
  if (marked) {
    const word = marked[1]!.toLowerCase();
    phrase.priority = word === 'normal' ? 'medium' : (word as TaskPriority);
    text = cut(text, marked.index!, marked[0].length);
  }
  const priorities: [RegExp, TaskPriority][] = [
    [/\b(?:with\s+)?(?:urgent|asap|critical)(?:\s+priority)?\b|!!+/i, 'urgent'],
    [/\b(?:with\s+)?(?:high[- ]priority|priority\s*(?::|=)?\s*high|important)\b|!/i, 'high'],
    [/\b(?:with\s+)?(?:low[- ]priority|priority\s*(?::|=)?\s*low|whenever|someday)\b/i, 'low'],
    [
      /\b(?:with\s+)?(?:medium[- ]priority|normal[- ]priority|priority\s*(?::|=)?\s*medium)\b/i,
      'medium',
    ],
  ];
  for (const [pattern, priority] of marked ? [] : priorities) {
    const match = text.match(pattern);
    if (match) {
      phrase.priority = priority;
      text = cut(text, match.index!, match[0].length);
      break;
    }
  }
  const recurrence = takeRecurrence(text);
  if (recurrence) {
    phrase.recurrence = recurrence.recurrence;
    text = recurrence.rest;
  }
  if (recurrence) {
    // A rule's first occurrence is its next matching day at the time the sentence names.
    const time = text.match(
      /\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b|\bat\s+(\d{1,2}):(\d{2})\b/i,
    );
    let hour = 9;
    let minute = 0;
    if (time) {
      const hours = Number(time[1] ?? time[4]);
      const meridiem = time[3]?.toLowerCase();
      hour = meridiem ? (hours % 12) + (meridiem === 'pm' ? 12 : 0) : hours;
      minute = Number(time[2] ?? time[5] ?? 0);
      text = cut(text, time.index!, time[0].length);
    }
    const dated = recurrence.dated ? findWhen(text, timeZone, now) : undefined;
    if (dated) {
      const local = Temporal.Instant.from(dated.instant).toZonedDateTimeISO(
        computableTimeZone(timeZone),
      );
      phrase.due_at = local
        .with({ hour: time ? hour : local.hour, minute: time ? minute : local.minute })
        .toInstant()
        .toString({ smallestUnit: 'millisecond' });
      text = cut(text, dated.index, dated.text.length);
    } else
      phrase.due_at = firstOccurrence(
        now,
        timeZone,
        { hour, minute },
        recurrence.days,
        recurrence.dayOfMonth,
        recurrence.nthWeekday,
      );
  } else {
    const when = findWhen(text, timeZone, now);
    if (when) {
      phrase.due_at = when.instant;
      if (when.also) text = cut(text, when.also.index, when.also.text.length);
      text = cut(text, when.index, when.text.length);
      // Birthdays and anniversaries come back every year.
      if (/\b(?:birthday|bday|anniversary)\b/i.test(text))
        phrase.recurrence = { frequency: 'yearly', interval: 1, repeat_from: 'due' };
    }
  }
  phrase.title = cleanTitle(text);
  return phrase;
}

/** The fields of the task a sentence asks for, as a create body names them; defaults spelled out. */
export interface PhraseTaskFields {
  title: string;
  priority: TaskPriority;
  tags: string[];
  due_at: string | null;
  reminders: { offset: string }[];
  recurrence: RecurrenceInput | null;
}

/**
 * The task a sentence asks for. "remind me to …" with a due time and no other reminder means a
 * reminder at the due time itself.
 */
export function taskFieldsOf(phrase: TaskPhrase, sentence: string): PhraseTaskFields {
  const reminders = phrase.reminder_before
    ? [{ offset: `-${phrase.reminder_before}` }]
    : /^\s*remind me to\b/i.test(sentence) && phrase.due_at
      ? [{ offset: 'PT0S' }]
      : [];
  return {
    title: phrase.title,
    priority: phrase.priority ?? 'medium',
    tags: phrase.tags,
    due_at: phrase.due_at ?? null,
    reminders,
    recurrence: phrase.recurrence ?? null,
  };
}

/** What is left of a sentence once everything else was read out of it. */
export function cleanTitle(text: string): string {
  let title = text.replace(/\s+/g, ' ').trim();
  title = title.replace(leadingVerbs, '').trim();
  title = title.replace(/\b(?:due|by|on|at|for|starting|from)(?:\s+the)?\s*$/i, '').trim();
  title = title
    .replace(/^(?:to|that|about)\s+/i, '')
    .replace(/[\s,.;:!-]+$/, '')
    .replace(/^[\s,.;:-]+/, '')
    .trim();
  title = title.replace(/\s+(?:due|by|on|at)\s+(?=[,.]|$)/i, '').trim();
  return title.length > 0 ? title.charAt(0).toUpperCase() + title.slice(1) : title;
}
