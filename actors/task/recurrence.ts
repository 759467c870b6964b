import { Temporal } from '@js-temporal/polyfill';
import rrulePackage from 'rrule';
import type { Options as RRuleOptions } from 'rrule';
import type {
  Recurrence,
  RecurrenceInput,
  StructuredRecurrence,
} from '../../schemas/recurrence.ts';

const { RRule } = rrulePackage;

/**
 * Recurrence on wall-clock time. rrule iterates "floating" dates (JavaScript Dates whose UTC
 * fields are read as local wall-clock fields); Temporal maps wall-clock times of the user's
 * IANA zone to instants. So "every Monday 09:00 Europe/Berlin" stays 09:00 local across DST,
 * and a wall-clock time that does not exist (a spring-forward gap) moves forward by the gap.
 */

export class RecurrenceError extends Error {}

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
const allowedFrequencies = new Set([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY]);
const weekdayCodes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** Parses and checks an RRULE string; returns its options. Rejects what a task cannot mean. */
export function parseRRule(text: string): Partial<RRuleOptions> {
  const body = text.trim().replace(/^RRULE:/i, '');
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
  if (options.freq === undefined || !allowedFrequencies.has(options.freq)) {
    throw new RecurrenceError('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  }
  if (
    options.interval !== undefined &&
    (options.interval < 1 || options.interval > 365 || !Number.isInteger(options.interval))
  ) {
    throw new RecurrenceError('INTERVAL must be between 1 and 365');
  }
  if (
    options.count !== undefined &&
    options.count !== null &&
    (options.count < 1 || options.count > 1000)
  ) {
    throw new RecurrenceError('COUNT must be between 1 and 1000');
  }
  if (options.count && options.until)
    throw new RecurrenceError('COUNT and UNTIL cannot both be given');
  return options;
}

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
  if (rule.count) parts.push(`COUNT=${rule.count}`);
  if (rule.end_date) parts.push(`UNTIL=${toRRuleUtc(rule.end_date)}`);
  return parts.join(';');
}

function monthDayParts(day: number): string[] {
  if (day < 29) return [`BYMONTHDAY=${day}`];
  const candidates = Array.from({ length: day - 27 }, (_, index) => 28 + index);
  return [`BYMONTHDAY=${candidates.join(',')}`, 'BYSETPOS=-1'];
}

const toRRuleUtc = (instant: string) => instant.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Canonical stored form of any accepted input, anchored at the task's due instant. */
export function canonicalRecurrence(
  input: RecurrenceInput,
  dueAt: string,
  timeZone: string,
): Recurrence {
  let rrule: string;
  if ('rrule' in input) {
    rrule = RRule.optionsToString(parseRRule(input.rrule)).replace(/^RRULE:/, '');
  } else {
    // A monthly rule without a day repeats on the due date's day of month (clamped at month end).
    const dayOfMonth =
      input.frequency === 'monthly' && !input.day_of_month
        ? localDateTime(dueAt, timeZone).day
        : input.day_of_month;
    rrule = structuredToRRule({ ...input, day_of_month: dayOfMonth });
    parseRRule(rrule);
  }
  const recurrence: Recurrence = { rrule, repeat_from: input.repeat_from, dtstart: dueAt };
  if (firstOccurrenceAfter(recurrence, timeZone, dueAt, true) === null) {
    throw new RecurrenceError('the rule never produces an occurrence');
  }
  return recurrence;
}

function localDateTime(instant: string, timeZone: string): Temporal.PlainDateTime {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDateTime();
}

const toFloating = (local: Temporal.PlainDateTime): Date =>
  new Date(
    Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    ),
  );

const fromFloating = (floating: Date, timeZone: string): string =>
  Temporal.PlainDateTime.from({
    year: floating.getUTCFullYear(),
    month: floating.getUTCMonth() + 1,
    day: floating.getUTCDate(),
    hour: floating.getUTCHours(),
    minute: floating.getUTCMinutes(),
    second: floating.getUTCSeconds(),
    millisecond: floating.getUTCMilliseconds(),
  })
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });

/**
 * The first occurrence of the rule (counted from DTSTART) after `after`, or null when the rule
 * has ended. UNTIL is compared as an instant; COUNT is applied from DTSTART.
 */
function firstOccurrenceAfter(
  recurrence: Recurrence,
  timeZone: string,
  after: string,
  inclusive = false,
): string | null {
  const options = parseRRule(recurrence.rrule);
  const until = options.until ? options.until.toISOString() : undefined;
  const rule = new RRule({
    ...options,
    until: null,
    dtstart: toFloating(localDateTime(recurrence.dtstart, timeZone)),
  });
  const next = rule.after(toFloating(localDateTime(after, timeZone)), inclusive);
  if (!next) return null;
  const instant = fromFloating(next, timeZone);
  if (until && instant > until) return null;
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
}

/** The due instant of the next occurrence, or null when the series is over. */
export function nextOccurrence(context: OccurrenceContext): string | null {
  const options = parseRRule(context.recurrence.rrule);
  if (options.count && context.occurrenceIndex >= options.count) return null;
  if (context.recurrence.repeat_from === 'due') {
    return firstOccurrenceAfter(context.recurrence, context.timeZone, context.dueAt);
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
  const restarted: Recurrence = {
    ...context.recurrence,
    rrule: withoutCount(context.recurrence.rrule),
    dtstart: anchor,
  };
  return firstOccurrenceAfter(restarted, context.timeZone, anchor);
}

const withoutCount = (rrule: string) =>
  rrule
    .split(';')
    .filter((part) => !part.toUpperCase().startsWith('COUNT='))
    .join(';');
