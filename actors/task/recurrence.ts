import { Temporal } from '@js-temporal/polyfill';
import rrulePackage from 'rrule';
import type { Options as RRuleOptions } from 'rrule';
import {
  type EvaluationStats,
  firstOccurrence,
  type Frequency,
  HORIZON_DAYS,
  neverOccursReason,
  type NthWeekday,
  type RecurrenceRule,
} from './bounded-rrule.ts';
import type {
  Recurrence,
  RecurrenceInput,
  StructuredRecurrence,
} from '../../schemas/recurrence.ts';
import { computableTimeZone } from '../../schemas/time-zone.ts';

const { RRule, Weekday } = rrulePackage;

/**
 * Recurrence on wall-clock time. The bounded evaluator (bounded-rrule.ts) iterates "floating"
 * times (wall-clock fields read as if they were UTC); Temporal maps wall-clock times of the
 * user's IANA zone to instants. rrule only parses and writes the canonical RRULE text. So "every Monday 09:00 Europe/Berlin" stays 09:00 local across DST,
 * and a wall-clock time that does not exist (a spring-forward gap) moves forward by the gap.
 */

export class RecurrenceError extends Error {}

/**
 * A well-formed rule that produces no occurrence: never (BYMONTH=2;BYMONTHDAY=30), or not within
 * ten years of its start. Refused, since a task on it would never come due.
 */
export class RecurrenceNeverOccursError extends RecurrenceError {}

const allowedParts = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);
const frequencies: Record<number, Frequency> = {
  [RRule.YEARLY]: 'YEARLY',
  [RRule.MONTHLY]: 'MONTHLY',
  [RRule.WEEKLY]: 'WEEKLY',
  [RRule.DAILY]: 'DAILY',
};
const weekdayCodes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** rrule leaves what it cannot read as strings or undefined; here each value is checked. */
function integers(value: unknown, part: string, min: number, max: number): number[] {
  if (value === undefined || value === null) return [];
  const values: unknown[] = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (
      typeof item !== 'number' ||
      !Number.isInteger(item) ||
      item === 0 ||
      item < min ||
      item > max
    )
      throw new RecurrenceError(
        min < 0
          ? `${part} values must be between ${min} and -1 or 1 and ${max}`
          : `${part} values must be between ${min} and ${max}`,
      );
  }
  return [...new Set(values as number[])];
}

function weekday(value: unknown, part: string): number {
  if (!(value instanceof Weekday) || !Number.isInteger(value.weekday))
    throw new RecurrenceError(`${part} takes the weekdays MO, TU, WE, TH, FR, SA, SU`);
  return value.weekday;
}

function parse(text: string): { options: Partial<RRuleOptions>; rule: RecurrenceRule } {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!/^[A-Za-z0-9=;,+-]*$/.test(body))
    throw new RecurrenceError('an RRULE holds only letters, digits and = ; , + -');
  const parts = body.split(';').filter((part) => part.length > 0);
  for (const part of parts) {
    const [key, value] = part.split('=');
    if (!key || value === undefined || value === '')
      throw new RecurrenceError(`malformed RRULE part "${part}"`);
    if (!allowedParts.has(key.toUpperCase()))
      throw new RecurrenceError(`RRULE part ${key} is not supported`);
  }
  let options: Partial<RRuleOptions>;
  try {
    options = RRule.parseString(body.toUpperCase());
  } catch (error) {
    throw new RecurrenceError(
      `invalid RRULE: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const freq = options.freq === undefined ? undefined : frequencies[options.freq];
  if (!freq) throw new RecurrenceError('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  const [interval = 1] = integers(options.interval, 'INTERVAL', 1, 365);
  if (Array.isArray(options.interval)) throw new RecurrenceError('INTERVAL must be one number');
  const count = integers(options.count, 'COUNT', 1, 1000);
  if (Array.isArray(options.count)) throw new RecurrenceError('COUNT must be one number');
  const until = options.until ?? null;
  if (until && Number.isNaN(until.getTime())) throw new RecurrenceError('UNTIL is not a date');
  if (count.length > 0 && until) throw new RecurrenceError('COUNT and UNTIL cannot both be given');
  const days: unknown[] = options.byweekday
    ? Array.isArray(options.byweekday)
      ? options.byweekday
      : [options.byweekday]
    : [];
  const byWeekday: number[] = [];
  const byNthWeekday: NthWeekday[] = [];
  for (const day of days) {
    const number = weekday(day, 'BYDAY');
    const n = (day as InstanceType<typeof Weekday>).n;
    if (!n) {
      byWeekday.push(number);
      continue;
    }
    if (freq !== 'MONTHLY' && freq !== 'YEARLY')
      throw new RecurrenceError('a numbered BYDAY (like 1MO or -1FR) needs FREQ=MONTHLY or YEARLY');
    if (Math.abs(n) > 53)
      throw new RecurrenceError('a numbered BYDAY counts from -53 to -1 or 1 to 53');
    byNthWeekday.push({ weekday: number, n });
  }
  const rule: RecurrenceRule = {
    freq,
    interval,
    count: count[0] ?? null,
    until: until ? until.toISOString() : null,
    byWeekday: [...new Set(byWeekday)],
    byNthWeekday,
    byMonthDay: integers(options.bymonthday, 'BYMONTHDAY', -31, 31),
    byMonth: integers(options.bymonth, 'BYMONTH', 1, 12),
    bySetPos: integers(options.bysetpos, 'BYSETPOS', -366, 366),
    wkst: 'wkst' in options ? weekday(options.wkst, 'WKST') : 0,
  };
  return { options, rule };
}

/** Parses and checks an RRULE string. Rejects what a task cannot mean. */
export const parseRRule = (text: string): RecurrenceRule => parse(text).rule;

/**
 * The structured rule as an RRULE. A day_of_month of 29–31 means "that day, or the month's last
 * day when it is shorter", which RFC 5545 spells as candidate days with BYSETPOS=-1.
 */
export function structuredToRRule(rule: StructuredRecurrence): string {
  const parts = [`FREQ=${rule.frequency.toUpperCase()}`, `INTERVAL=${rule.interval}`];
  if (rule.frequency === 'weekly' && rule.days_of_week) {
    const days = [...new Set(rule.days_of_week)].sort((a, b) => a - b);
    parts.push(`BYDAY=${days.map((day) => weekdayCodes[day]).join(',')}`);
  }
  if (rule.frequency === 'monthly' && rule.day_of_month)
    parts.push(...monthDayParts(rule.day_of_month));
  if (rule.frequency === 'yearly' && rule.month && rule.day_of_month)
    parts.push(`BYMONTH=${rule.month}`, ...monthDayParts(rule.day_of_month));
  if (rule.count) parts.push(`COUNT=${rule.count}`);
  if (rule.end_date) parts.push(`UNTIL=${toRRuleUtc(rule.end_date)}`);
  return parts.join(';');
}

function monthDayParts(day: number): string[] {
  if (day < 29) return [`BYMONTHDAY=${day}`];
  const candidates = Array.from({ length: day - 27 }, (_, index) => 28 + index);
  return [`BYMONTHDAY=${candidates.join(',')}`, 'BYSETPOS=-1'];
}

/** Days a month can have; 29 February exists in leap years and falls on the 28th in others. */
const MAX_DAY_OF_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const toRRuleUtc = (instant: string) => instant.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Canonical stored form of any accepted input, anchored at the task's due instant. */
export function canonicalRecurrence(
  input: RecurrenceInput,
  dueAt: string,
  timeZone: string,
  stats?: EvaluationStats,
): Recurrence {
  let rrule: string;
  let rule: RecurrenceRule;
  if ('rrule' in input) {
    const parsed = parse(input.rrule);
    rrule = RRule.optionsToString(parsed.options).replace(/^RRULE:/, '');
    rule = parsed.rule;
  } else {
    // A monthly rule without a day repeats on the due date's day of month (clamped at month end);
    // a yearly one on the due date's month and day.
    const due = localDateTime(dueAt, timeZone);
    const onADay = input.frequency === 'monthly' || input.frequency === 'yearly';
    const dayOfMonth = onADay && !input.day_of_month ? due.day : input.day_of_month;
    if (input.month !== undefined && input.frequency !== 'yearly')
      throw new RecurrenceError('month applies to a yearly rule only');
    const month = input.frequency === 'yearly' ? (input.month ?? due.month) : undefined;
    if (month && dayOfMonth && dayOfMonth > MAX_DAY_OF_MONTH[month]!)
      throw new RecurrenceError(
        `day_of_month ${dayOfMonth} does not exist in month ${month} (at most ${MAX_DAY_OF_MONTH[month]})`,
      );
    rrule = structuredToRRule({ ...input, day_of_month: dayOfMonth, month });
    rule = parseRRule(rrule);
  }
  // `missed` is stored only when given: absent means keep, as for rules stored before it.
  const recurrence: Recurrence = {
    rrule,
    repeat_from: input.repeat_from,
    ...(input.missed ? { missed: input.missed } : {}),
    dtstart: dueAt,
  };
  const reason = neverOccursReason(rule, floating(dueAt, timeZone));
  if (reason) throw new RecurrenceNeverOccursError(`the rule never occurs: ${reason}`);
  const first = occurrenceAfter(rule, recurrence.dtstart, timeZone, dueAt, {
    inclusive: true,
    withinHorizon: true,
    stats,
  });
  if (first === null)
    throw new RecurrenceNeverOccursError(
      'the rule produces no occurrence within ten years of the due date',
    );
  return recurrence;
}

function localDateTime(instant: string, timeZone: string): Temporal.PlainDateTime {
  return Temporal.Instant.from(instant)
    .toZonedDateTimeISO(computableTimeZone(timeZone))
    .toPlainDateTime();
}

/** Wall-clock date-time as "floating" milliseconds: its fields read as if they were UTC. */
const toFloating = (local: Temporal.PlainDateTime): number =>
  Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );

const floating = (instant: string, timeZone: string) =>
  toFloating(localDateTime(instant, timeZone));

function fromFloating(time: number, timeZone: string): string {
  const date = new Date(time);
  return Temporal.PlainDateTime.from({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  })
    .toZonedDateTime(computableTimeZone(timeZone), { disambiguation: 'compatible' })
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });
}

/**
 * The first occurrence of the rule (counted from DTSTART) after `after`, or null when the rule
 * has ended. UNTIL is compared as an instant; COUNT is applied from DTSTART. Bounded: see
 * bounded-rrule.ts.
 */
function occurrenceAfter(
  rule: RecurrenceRule,
  dtstart: string,
  timeZone: string,
  after: string,
  options: { inclusive?: boolean; withinHorizon?: boolean; stats?: EvaluationStats } = {},
): string | null {
  const start = floating(dtstart, timeZone);
  const next = firstOccurrence(rule, {
    start,
    after: floating(after, timeZone),
    inclusive: options.inclusive,
    notLaterThan: options.withinHorizon ? start + HORIZON_DAYS * 86_400_000 : undefined,
    stats: options.stats,
  });
  if (next === null) return null;
  const instant = fromFloating(next, timeZone);
  if (rule.until && instant > rule.until) return null;
  return instant;
}

export interface OccurrenceContext {
  recurrence: Recurrence;
  timeZone: string;
  /** Due instant of the occurrence being completed. */
  dueAt: string;
  /** When it was completed (used with repeat_from = completion). */
  completedAt: string;
  /** 1-based position of the completed occurrence in its series. */
  occurrenceIndex: number;
  /**
   * With repeat_from = due: the next occurrence is not earlier than this either. A series that
   * fell behind (advanced late, or created due in the past) resumes at its next occurrence
   * still to come instead of creating every one it missed.
   */
  notBefore?: string;
}

/** The due instant of the next occurrence, or null when the series is over. */
export function nextOccurrence(context: OccurrenceContext, stats?: EvaluationStats): string | null {
  let rule: RecurrenceRule;
  try {
    rule = parseRRule(context.recurrence.rrule);
  } catch (error) {
    // A rule stored before validation grew stricter (say FREQ=WEEKLY;BYDAY=1MO): the series
    // ends here rather than the task becoming impossible to complete.
    if (error instanceof RecurrenceError) return null;
    throw error;
  }
  if (rule.count && context.occurrenceIndex >= rule.count) return null;
  if (context.recurrence.repeat_from === 'due') {
    const after =
      context.notBefore && Date.parse(context.notBefore) > Date.parse(context.dueAt)
        ? context.notBefore
        : context.dueAt;
    return occurrenceAfter(rule, context.recurrence.dtstart, context.timeZone, after, {
      stats,
    });
  }
  // From completion: the series restarts on the completion day, at the due time of day.
  const completed = localDateTime(context.completedAt, context.timeZone);
  const due = localDateTime(context.dueAt, context.timeZone);
  const restart = completed.with({
    hour: due.hour,
    minute: due.minute,
    second: due.second,
    millisecond: due.millisecond,
  });
  const anchor = fromFloating(toFloating(restart), context.timeZone);
  return occurrenceAfter({ ...rule, count: null }, anchor, context.timeZone, anchor, { stats });
}
