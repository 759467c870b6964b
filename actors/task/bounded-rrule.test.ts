import fc from 'fast-check';
import rrulePackage from 'rrule';
import { describe, expect, it } from 'vitest';
import {
  firstOccurrence,
  MAX_PERIODS,
  neverOccursReason,
  newStats,
  type RecurrenceRule,
} from './bounded-rrule.ts';
import {
  canonicalRecurrence,
  nextOccurrence,
  parseRRule,
  RecurrenceError,
  RecurrenceNeverOccursError,
} from './recurrence.ts';

const { RRule } = rrulePackage;
const DAY = 86_400_000;
const codes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const frequencies = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;

const list = <T>(item: fc.Arbitrary<T>, max: number) =>
  fc.uniqueArray(item, { minLength: 1, maxLength: max });
const nonZero = (max: number) => fc.integer({ min: -max, max }).filter((value) => value !== 0);

/**
 * RRULE texts over the accepted subset, biased towards the corners: sparse and impossible
 * combinations, ordinal weekdays, odd BYSETPOS, big INTERVAL and COUNT.
 */
/** `part`, or (`absent` times as often) nothing. */
const sometimes = <T>(part: fc.Arbitrary<T>, absent: number) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: absent }, { arbitrary: part, weight: 1 });

const ruleText = (options: { wild: boolean }) =>
  fc
    .record({
      freq: fc.constantFrom(...frequencies),
      interval: sometimes(
        options.wild
          ? fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 365 }))
          : fc.integer({ min: 1, max: 4 }),
        1,
      ),
      count: sometimes(
        options.wild
          ? fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(1000))
          : fc.integer({ min: 1, max: 40 }),
        2,
      ),
      byDay: sometimes(list(fc.constantFrom(...codes), 4), 1),
      byNthDay: sometimes(
        list(
          fc.tuple(fc.oneof(nonZero(5), nonZero(options.wild ? 53 : 6)), fc.constantFrom(...codes)),
          3,
        ),
        2,
      ),
      byMonthDay: sometimes(
        list(fc.oneof(nonZero(31), fc.constantFrom(28, 29, 30, 31, -29, -30, -31)), 3),
        2,
      ),
      byMonth: sometimes(list(fc.integer({ min: 1, max: 12 }), 3), 3),
      bySetPos: sometimes(list(fc.oneof(nonZero(6), nonZero(options.wild ? 366 : 40)), 3), 2),
      wkst: sometimes(fc.constantFrom(...codes), 2),
    })
    .map((parts) => {
      const text = [`FREQ=${parts.freq}`];
      if (parts.interval) text.push(`INTERVAL=${parts.interval}`);
      if (parts.count) text.push(`COUNT=${parts.count}`);
      const days = [...(parts.byDay ?? [])];
      // A numbered weekday belongs to MONTHLY and YEARLY only; parseRRule refuses it elsewhere.
      if (parts.freq === 'MONTHLY' || parts.freq === 'YEARLY')
        days.push(...(parts.byNthDay ?? []).map(([n, code]) => `${n}${code}`));
      if (days.length > 0) text.push(`BYDAY=${days.join(',')}`);
      if (parts.byMonthDay) text.push(`BYMONTHDAY=${parts.byMonthDay.join(',')}`);
      if (parts.byMonth) text.push(`BYMONTH=${parts.byMonth.join(',')}`);
      if (parts.bySetPos) text.push(`BYSETPOS=${parts.bySetPos.join(',')}`);
      if (parts.wkst) text.push(`WKST=${parts.wkst}`);
      return text.join(';');
    });

/** A floating DTSTART between 2000 and 2059, on a whole minute. */
const floatingStart = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2060, 0, 1) / 60_000 })
  .map((minutes) => minutes * 60_000);

/** All occurrences from DTSTART up to `end`, each found from the previous one. */
function ours(rule: RecurrenceRule, start: number, end: number): number[] {
  const found: number[] = [];
  let next = firstOccurrence(rule, { start, after: start, inclusive: true });
  while (next !== null && next <= end) {
    found.push(next);
    next = firstOccurrence(rule, { start, after: next });
  }
  return found;
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The calendar period (day, week from WKST, month, year) a floating time lies in. */
function periodKey(rule: RecurrenceRule, time: number): string {
  const date = new Date(time);
  switch (rule.freq) {
    case 'DAILY':
      return isoDay(time);
    case 'WEEKLY': {
      const back = (((date.getUTCDay() + 6) % 7) - rule.wkst + 7) % 7;
      return isoDay(time - back * DAY);
    }
    case 'MONTHLY':
      return isoDay(time).slice(0, 7);
    case 'YEARLY':
      return isoDay(time).slice(0, 4);
  }
}

/**
 * rrule's answer for `text` from `start` up to `end`. rrule.js's own BYSETPOS has two bugs that
 * python-dateutil and RFC 5545 do not share: a negative position beyond the period's set picks
 * its first day (JavaScript's slice clamps), and two positions picking one day emit it twice. So
 * with BYSETPOS, rrule gives the candidate days (every filter, default and interval) and the
 * positions are taken here, per period, as RFC 5545 says.
 */
function reference(text: string, rule: RecurrenceRule, start: number, end: number): number[] {
  const options = RRule.parseString(text);
  if (rule.bySetPos.length === 0)
    return new RRule({ ...options, dtstart: new Date(start) })
      .between(new Date(start), new Date(end), true)
      .map((date) => date.getTime());
  const date = new Date(start);
  const noDay =
    rule.byMonthDay.length === 0 && rule.byWeekday.length + rule.byNthWeekday.length === 0;
  // rrule's defaults come from DTSTART, which moves to the period's start below: spell them out.
  const defaults: Partial<typeof options> = {};
  if (noDay && rule.freq === 'MONTHLY') defaults.bymonthday = date.getUTCDate();
  if (noDay && rule.freq === 'YEARLY') {
    defaults.bymonthday = date.getUTCDate();
    if (rule.byMonth.length === 0) defaults.bymonth = date.getUTCMonth() + 1;
  }
  // BYSETPOS counts the whole first month or year, also its days before DTSTART (WEEKLY's first
  // period starts at DTSTART in rrule, and DAILY's is one day).
  const timeOfDay = start - Math.floor(start / DAY) * DAY;
  const periodStart =
    rule.freq === 'MONTHLY'
      ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) + timeOfDay
      : rule.freq === 'YEARLY'
        ? Date.UTC(date.getUTCFullYear(), 0, 1) + timeOfDay
        : start;
  const candidates = new RRule({
    ...options,
    ...defaults,
    bysetpos: null,
    count: null,
    dtstart: new Date(periodStart),
  })
    .between(new Date(periodStart), new Date(end + 400 * DAY), true)
    .map((candidate) => candidate.getTime());
  const periods = new Map<string, number[]>();
  for (const time of candidates) {
    const key = periodKey(rule, time);
    periods.set(key, [...(periods.get(key) ?? []), time]);
  }
  const chosen: number[] = [];
  for (const days of periods.values()) {
    const picks = new Set<number>();
    for (const pos of rule.bySetPos) {
      const pick = days[pos > 0 ? pos - 1 : days.length + pos];
      if (pick !== undefined) picks.add(pick);
    }
    chosen.push(...[...picks].sort((a, b) => a - b).filter((time) => time >= start));
  }
  return chosen.slice(0, rule.count ?? undefined).filter((time) => time <= end);
}

describe('the bounded evaluator agrees with rrule on accepted rules', () => {
  it('yields the same occurrences over a window, and the same first one after any point', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        ruleText({ wild: false }),
        floatingStart,
        fc.integer({ min: 0, max: 1000 }),
        (text, start, pointDays) => {
          const rule = parseRRule(text);
          if (neverOccursReason(rule, start) !== null) return;
          const days = { DAILY: 400, WEEKLY: 1200, MONTHLY: 3000, YEARLY: 6000 }[rule.freq];
          const end = start + days * DAY;
          // rrule itself only stops at a candidate day: ask it only when one lies beyond the
          // window, or it would walk to the year 9999 (the very problem solved here).
          if (firstOccurrence({ ...rule, count: null }, { start, after: end }) === null) return;
          const mine = ours(rule, start, end);
          const theirs = reference(text, rule, start, end);
          expect(mine.map((t) => new Date(t).toISOString())).toEqual(
            theirs.map((t) => new Date(t).toISOString()),
          );
          const point = start + pointDays * DAY + 1;
          const expected = theirs.find((t) => t > point);
          if (point < end && expected !== undefined)
            expect(firstOccurrence(rule, { start, after: point })).toBe(expected);
          compared++;
        },
      ),
      { seed: 20_260_511, numRuns: 2000 },
    );
    // The comparison must not have been skipped into meaninglessness.
    expect(compared).toBeGreaterThan(600);
  }, 60_000);
});

describe('every evaluation is bounded', () => {
  it('validation and the next occurrence stay within MAX_PERIODS on any rule', () => {
    const worst = newStats();
    let refusedNever = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        ruleText({ wild: true }),
        floatingStart,
        fc.integer({ min: 0, max: 20_000 }),
        fc.constantFrom('due', 'completion') as fc.Arbitrary<'due' | 'completion'>,
        fc.integer({ min: 1, max: 1000 }),
        (text, start, laterDays, repeatFrom, index) => {
          const dueAt = new Date(start).toISOString();
          const validation = newStats();
          let recurrence;
          try {
            recurrence = canonicalRecurrence(
              { rrule: text, repeat_from: repeatFrom },
              dueAt,
              'Europe/Berlin',
              validation,
            );
            accepted++;
          } catch (error) {
            expect(error).toBeInstanceOf(RecurrenceError);
            if (error instanceof RecurrenceNeverOccursError) refusedNever++;
          }
          expect(validation.maxPeriods).toBeLessThanOrEqual(MAX_PERIODS);
          // The stored rule is evaluated later with any due date and completion time.
          const later = new Date(start + laterDays * DAY).toISOString();
          const next = newStats();
          nextOccurrence(
            {
              recurrence: recurrence ?? { rrule: text, repeat_from: repeatFrom, dtstart: dueAt },
              timeZone: 'Europe/Berlin',
              dueAt: later,
              completedAt: later,
              occurrenceIndex: index,
            },
            next,
          );
          expect(next.maxPeriods).toBeLessThanOrEqual(MAX_PERIODS);
          worst.maxPeriods = Math.max(worst.maxPeriods, validation.maxPeriods, next.maxPeriods);
        },
      ),
      { seed: 11, numRuns: 4000 },
    );
    expect(accepted).toBeGreaterThan(500);
    expect(refusedNever).toBeGreaterThan(100);
    expect(worst.maxPeriods).toBeLessThanOrEqual(MAX_PERIODS);
  }, 60_000);
});
