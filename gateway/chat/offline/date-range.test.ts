import { Temporal } from '@js-temporal/polyfill';
import { describe, expect, it } from 'vitest';
import { dueRange } from './date-range.ts';
import { findWhen } from './when.ts';

/** Thursday 2026-11-26 11:00 in Berlin. */
const now = new Date('2026-11-26T10:00:00Z');
const zone = 'Europe/Berlin';
const local = (instant: string) =>
  Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDateTime().toString({
    smallestUnit: 'minute',
  });

describe('the days a question asks about', () => {
  it.each([
    ["what's due today", '2026-11-26T00:00', '2026-11-27T00:00'],
    ['anything tomorrow', '2026-11-27T00:00', '2026-11-28T00:00'],
    ['this week', '2026-11-23T00:00', '2026-11-30T00:00'],
    ['due next week', '2026-11-30T00:00', '2026-12-07T00:00'],
    ['this weekend', '2026-11-28T00:00', '2026-11-30T00:00'],
    ['this month', '2026-11-01T00:00', '2026-12-01T00:00'],
    ['next month', '2026-12-01T00:00', '2027-01-01T00:00'],
    ['in march', '2027-03-01T00:00', '2027-04-01T00:00'],
    ['on friday', '2026-11-27T00:00', '2026-11-28T00:00'],
    ['for the next 5 days', '2026-11-26T00:00', '2026-12-01T00:00'],
    ['on march 7th', '2027-03-07T00:00', '2027-03-08T00:00'],
    ['for the rest of the day', '2026-11-26T00:00', '2026-11-27T00:00'],
    ['the rest of the week', '2026-11-26T00:00', '2026-11-30T00:00'],
    ['rest of this month', '2026-11-26T00:00', '2026-12-01T00:00'],
  ])('“%s”', (text, from, to) => {
    const range = dueRange(text, zone, now)!;
    expect([local(range.due_from), local(range.due_to)]).toEqual([from, to]);
  });

  it('names none when the question names no day', () => {
    expect(dueRange('what is on my shopping list', zone, now)).toBeUndefined();
  });
});

describe('finding a date and time in the user’s zone', () => {
  it.each([
    ['tomorrow at 3', '2026-11-27T15:00'],
    ['friday 3pm', '2026-11-27T15:00'],
    ['tomorrow evening', '2026-11-27T20:00'],
    ['tomorrow meeting at 10 am', '2026-11-27T10:00'],
    ['on the 14th', '2026-12-14T09:00'],
    ['at 9 tomorrow', '2026-11-27T09:00'],
    ['at 5', '2026-11-26T17:00'],
    ['at 10', '2026-11-27T10:00'],
    ['at 3 pm in goshen on may 5th', '2027-05-05T15:00'],
    ['in a week at 5', '2026-12-03T17:00'],
  ])('“%s” → %s', (text, expected) => {
    expect(local(findWhen(text, zone, now)!.instant)).toBe(expected);
  });
});
