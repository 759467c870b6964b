import { Temporal } from '@js-temporal/polyfill';
import { describe, expect, it } from 'vitest';
import { recurrenceInputSchema } from '../../schemas/recurrence.ts';
import { MAX_PERIODS, newStats } from './bounded-rrule.ts';
import {
  canonicalRecurrence,
  nextOccurrence,
  parseRRule,
  RecurrenceNeverOccursError,
  structuredToRRule,
} from './recurrence.ts';

/** Local wall-clock time in a zone → UTC instant string. */
const at = (local: string, zone: string) =>
  Temporal.PlainDateTime.from(local)
    .toZonedDateTime(zone)
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });
const local = (instant: string, zone: string) =>
  Temporal.Instant.from(instant)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });

/** Completes each occurrence on its due time and collects the next `n` due dates. */
function series(
  input: unknown,
  firstLocal: string,
  zone: string,
  n: number,
  completedAt?: (due: string) => string,
) {
  const first = at(firstLocal, zone);
  const recurrence = canonicalRecurrence(recurrenceInputSchema.parse(input), first, zone);
  const dues = [first];
  for (let index = 1; index < n; index++) {
    const due = dues[dues.length - 1]!;
    const next = nextOccurrence({
      recurrence,
      timeZone: zone,
      dueAt: due,
      completedAt: completedAt ? completedAt(due) : due,
      occurrenceIndex: index,
    });
    if (!next) break;
    dues.push(next);
  }
  return dues.map((due) => local(due, zone));
}

describe('every Monday 09:00 stays 09:00 local across DST', () => {
  it.each([
    [
      'Europe/Berlin',
      '2026-03-23T09:00',
      ['2026-03-23T09:00', '2026-03-30T09:00', '2026-04-06T09:00'],
    ],
    [
      'Europe/Berlin',
      '2026-10-19T09:00',
      ['2026-10-19T09:00', '2026-10-26T09:00', '2026-11-02T09:00'],
    ],
    [
      'America/New_York',
      '2026-03-02T09:00',
      ['2026-03-02T09:00', '2026-03-09T09:00', '2026-03-16T09:00'],
    ],
    [
      'America/New_York',
      '2026-10-26T09:00',
      ['2026-10-26T09:00', '2026-11-02T09:00', '2026-11-09T09:00'],
    ],
    [
      'Pacific/Auckland',
      '2026-03-30T09:00',
      ['2026-03-30T09:00', '2026-04-06T09:00', '2026-04-13T09:00'],
    ],
    [
      'Pacific/Auckland',
      '2026-09-21T09:00',
      ['2026-09-21T09:00', '2026-09-28T09:00', '2026-10-05T09:00'],
    ],
    [
      'America/Santiago',
      '2026-03-30T09:00',
      ['2026-03-30T09:00', '2026-04-06T09:00', '2026-04-13T09:00'],
    ],
    [
      'America/Santiago',
      '2026-08-31T09:00',
      ['2026-08-31T09:00', '2026-09-07T09:00', '2026-09-14T09:00'],
    ],
  ])('%s from %s', (zone, first, expected) => {
    const dues = series({ frequency: 'weekly', days_of_week: [1] }, first, zone, 3);
    expect(dues).toEqual(expected);
  });

  it('changes the UTC offset, not the wall clock (Berlin, spring forward)', () => {
    const first = at('2026-03-23T09:00', 'Europe/Berlin');
    const recurrence = canonicalRecurrence(
      { rrule: 'FREQ=WEEKLY;BYDAY=MO', repeat_from: 'due' },
      first,
      'Europe/Berlin',
    );
    const next = nextOccurrence({
      recurrence,
      timeZone: 'Europe/Berlin',
      dueAt: first,
      completedAt: first,
      occurrenceIndex: 1,
    });
    expect(first).toBe('2026-03-23T08:00:00.000Z');
    expect(next).toBe('2026-03-30T07:00:00.000Z');
  });

  it('moves a time inside the spring-forward gap forward by the gap', () => {
    const dues = series({ frequency: 'daily' }, '2026-03-28T02:30', 'Europe/Berlin', 3);
    expect(dues).toEqual(['2026-03-28T02:30', '2026-03-29T03:30', '2026-03-30T02:30']);
  });
});

describe('month ends', () => {
  it('monthly on the 31st falls on the last day of shorter months', () => {
    const dues = series(
      { frequency: 'monthly', day_of_month: 31 },
      '2026-01-31T18:00',
      'Europe/Berlin',
      5,
    );
    expect(dues).toEqual([
      '2026-01-31T18:00',
      '2026-02-28T18:00',
      '2026-03-31T18:00',
      '2026-04-30T18:00',
      '2026-05-31T18:00',
    ]);
  });

  it('monthly on the 30th uses 29 February in a leap year', () => {
    const dues = series({ frequency: 'monthly', day_of_month: 30 }, '2028-01-30T08:00', 'UTC', 3);
    expect(dues).toEqual(['2028-01-30T08:00', '2028-02-29T08:00', '2028-03-30T08:00']);
  });

  it('a monthly rule without a day keeps the due date’s day, clamped', () => {
    const dues = series({ frequency: 'monthly' }, '2026-03-31T09:00', 'America/New_York', 3);
    expect(dues).toEqual(['2026-03-31T09:00', '2026-04-30T09:00', '2026-05-31T09:00']);
  });

  it('an RRULE string keeps RFC 5545 semantics: BYMONTHDAY=31 skips short months', () => {
    const dues = series({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=31' }, '2026-01-31T09:00', 'UTC', 3);
    expect(dues).toEqual(['2026-01-31T09:00', '2026-03-31T09:00', '2026-05-31T09:00']);
  });
});

describe('leap day', () => {
  it('yearly on 29 February occurs in leap years only', () => {
    const dues = series(
      { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29' },
      '2028-02-29T10:00',
      'Europe/Berlin',
      3,
    );
    expect(dues).toEqual(['2028-02-29T10:00', '2032-02-29T10:00', '2036-02-29T10:00']);
  });

  it('the structured yearly rule on 29 February falls on 28 February in other years', () => {
    const dues = series(
      { frequency: 'yearly', month: 2, day_of_month: 29 },
      '2028-02-29T10:00',
      'Europe/Berlin',
      6,
    );
    expect(dues).toEqual([
      '2028-02-29T10:00',
      '2029-02-28T10:00',
      '2030-02-28T10:00',
      '2031-02-28T10:00',
      '2032-02-29T10:00',
      '2033-02-28T10:00',
    ]);
  });

  it('a yearly rule without month and day takes the due date’s, leap day included', () => {
    const zone = 'America/New_York';
    const recurrence = canonicalRecurrence(
      recurrenceInputSchema.parse({ frequency: 'yearly' }),
      at('2028-02-29T07:30', zone),
      zone,
    );
    expect(recurrence.rrule).toBe('FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1');
    expect(series({ frequency: 'yearly' }, '2026-07-04T12:00', zone, 3)).toEqual([
      '2026-07-04T12:00',
      '2027-07-04T12:00',
      '2028-07-04T12:00',
    ]);
  });

  it('refuses a day the month never has, and a month on a rule that is not yearly', () => {
    const parse = (input: unknown) => () =>
      canonicalRecurrence(recurrenceInputSchema.parse(input), '2026-01-10T09:00:00.000Z', 'UTC');
    expect(parse({ frequency: 'yearly', month: 2, day_of_month: 30 })).toThrow(/month 2/);
    expect(parse({ frequency: 'yearly', month: 4, day_of_month: 31 })).toThrow(/at most 30/);
    expect(parse({ frequency: 'monthly', month: 4 })).toThrow(/yearly/);
  });
});

describe('a series that fell behind', () => {
  it('with notBefore resumes at the next occurrence still to come (repeat from due)', () => {
    const zone = 'UTC';
    const due = at('2026-11-20T09:00', zone);
    const recurrence = canonicalRecurrence(
      recurrenceInputSchema.parse({ frequency: 'daily' }),
      due,
      zone,
    );
    const context = { recurrence, timeZone: zone, dueAt: due, occurrenceIndex: 1 };
    const now = at('2026-12-01T14:00', zone);
    expect(local(nextOccurrence({ ...context, completedAt: now })!, zone)).toBe('2026-11-21T09:00');
    expect(local(nextOccurrence({ ...context, completedAt: now, notBefore: now })!, zone)).toBe(
      '2026-12-02T09:00',
    );
  });
});

describe('intervals and ends', () => {
  it('every 2 weeks on Monday and Wednesday', () => {
    const dues = series(
      { frequency: 'weekly', interval: 2, days_of_week: [3, 1] },
      '2026-06-01T07:30',
      'Europe/Berlin',
      5,
    );
    expect(dues).toEqual([
      '2026-06-01T07:30',
      '2026-06-03T07:30',
      '2026-06-15T07:30',
      '2026-06-17T07:30',
      '2026-06-29T07:30',
    ]);
  });

  it('every 3 days', () => {
    expect(series({ frequency: 'daily', interval: 3 }, '2026-12-30T20:00', 'UTC', 3)).toEqual([
      '2026-12-30T20:00',
      '2027-01-02T20:00',
      '2027-01-05T20:00',
    ]);
  });

  it('COUNT ends the series after that many occurrences', () => {
    expect(series({ frequency: 'daily', count: 3 }, '2026-05-01T09:00', 'UTC', 10)).toHaveLength(3);
    expect(series({ rrule: 'FREQ=WEEKLY;COUNT=2' }, '2026-05-01T09:00', 'UTC', 10)).toHaveLength(2);
  });

  it('UNTIL (end_date) ends the series at that instant', () => {
    const dues = series(
      { frequency: 'daily', end_date: '2026-05-03T09:00:00Z' },
      '2026-05-01T09:00',
      'UTC',
      10,
    );
    expect(dues).toEqual(['2026-05-01T09:00', '2026-05-02T09:00', '2026-05-03T09:00']);
    const rrule = series(
      { rrule: 'FREQ=DAILY;UNTIL=20260502T235959Z' },
      '2026-05-01T09:00',
      'UTC',
      10,
    );
    expect(rrule).toEqual(['2026-05-01T09:00', '2026-05-02T09:00']);
  });
});

describe('repeat from completion', () => {
  it('counts the interval from the day it was done, at the usual time of day', () => {
    const lateByTwoDays = (due: string) => Temporal.Instant.from(due).add({ hours: 50 }).toString();
    const dues = series(
      { frequency: 'daily', interval: 3, repeat_from: 'completion' },
      '2026-07-01T08:00',
      'Europe/Berlin',
      3,
      lateByTwoDays,
    );
    // Done on 3 July 10:00 → next 6 July 08:00; done on 8 July 10:00 → next 11 July 08:00.
    expect(dues).toEqual(['2026-07-01T08:00', '2026-07-06T08:00', '2026-07-11T08:00']);
  });

  it('repeat from due ignores when it was done', () => {
    const lateByTwoDays = (due: string) => Temporal.Instant.from(due).add({ hours: 50 }).toString();
    const dues = series(
      { frequency: 'daily', interval: 3 },
      '2026-07-01T08:00',
      'Europe/Berlin',
      3,
      lateByTwoDays,
    );
    expect(dues).toEqual(['2026-07-01T08:00', '2026-07-04T08:00', '2026-07-07T08:00']);
  });
});

describe('rule validation', () => {
  it('writes the structured rule as RRULE', () => {
    expect(structuredToRRule({ frequency: 'weekly', interval: 1, days_of_week: [5, 1] })).toBe(
      'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,FR',
    );
    expect(
      structuredToRRule({ frequency: 'monthly', interval: 2, day_of_month: 15, count: 4 }),
    ).toBe('FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15;COUNT=4');
  });

  it.each([
    ['FREQ=HOURLY', /FREQ/],
    ['FREQ=SOMETIMES', /FREQ|invalid/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL/],
    ['FREQ=DAILY;COUNT=5000', /COUNT/],
    ['FREQ=DAILY;BYHOUR=5', /not supported/],
    ['FREQ=DAILY;COUNT=2;UNTIL=20270101T000000Z', /COUNT and UNTIL/],
    ['nonsense', /malformed/],
  ])('rejects %s', (rrule, message) => {
    expect(() => parseRRule(rrule)).toThrow(message);
  });

  it.each([
    ['FREQ=DAILY;BYSETPOS=0', /BYSETPOS/],
    ['FREQ=MONTHLY;BYSETPOS=400', /BYSETPOS/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY/],
    ['FREQ=YEARLY;BYMONTH=13', /BYMONTH/],
    ['FREQ=WEEKLY;BYDAY=1MO', /numbered BYDAY/],
    ['FREQ=DAILY;BYDAY=-1FR', /numbered BYDAY/],
    ['FREQ=YEARLY;BYDAY=60MO', /numbered BYDAY/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY/],
    ['FREQ=WEEKLY;WKST=XX', /WKST/],
    ['FREQ=DAILY;INTERVAL=two', /INTERVAL/],
    ['FREQ=DAILY\nBYHOUR=3', /only letters/],
  ])('refuses %s as invalid, not as never occurring', (rrule, message) => {
    expect(() => parseRRule(rrule)).toThrow(message);
    try {
      parseRRule(rrule);
    } catch (error) {
      expect(error).not.toBeInstanceOf(RecurrenceNeverOccursError);
    }
  });
});

describe('rules that never occur', () => {
  const due = '2026-01-01T09:00:00.000Z';
  const validate = (rrule: string, stats = newStats()) =>
    canonicalRecurrence({ rrule, repeat_from: 'due' }, due, 'Europe/Berlin', stats);

  it.each([
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /no month of BYMONTH has the day/],
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', /no month of BYMONTH/],
    ['FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31', /no month of BYMONTH/],
    ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-31', /no month of BYMONTH/],
    ['FREQ=MONTHLY;BYDAY=6MO', /no weekday number 6/],
    ['FREQ=YEARLY;BYMONTH=3;BYDAY=-6FR', /no weekday number -6/],
    ['FREQ=MONTHLY;BYDAY=MO,1FR', /plain weekdays/],
    ['FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3', /at most 2 candidate days/],
    ['FREQ=DAILY;BYSETPOS=2', /at most 1 candidate day/],
    ['FREQ=MONTHLY;BYMONTH=2;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYSETPOS=30', /at most 29/],
    ['FREQ=YEARLY;BYDAY=MO;BYSETPOS=54', /at most 53/],
  ])('refuses %s before any iteration', (rrule, message) => {
    const stats = newStats();
    expect(() => validate(rrule, stats)).toThrow(RecurrenceNeverOccursError);
    expect(() => validate(rrule)).toThrow(message);
    expect(stats.periods).toBe(0);
  });

  it.each([
    // 29 February on a Monday: 2044 is the next, eighteen years on.
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO',
    // The first Monday is never the 20th.
    'FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=20',
    // Ends before it starts.
    'FREQ=DAILY;UNTIL=20250101T000000Z',
    // Every 12 months from January, but only in March.
    'FREQ=MONTHLY;INTERVAL=12;BYMONTH=3',
  ])('refuses %s when the horizon of ten years passes without an occurrence', (rrule) => {
    const stats = newStats();
    expect(() => validate(rrule, stats)).toThrow(RecurrenceNeverOccursError);
    expect(stats.maxPeriods).toBeLessThanOrEqual(MAX_PERIODS);
  });

  it('accepts a sparse rule that occurs within the horizon', () => {
    expect(validate('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29').rrule).toBe(
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29',
    );
  });

  it('ends a stored series whose rule is no longer accepted, instead of failing the completion', () => {
    const context = {
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=1MO', repeat_from: 'due' as const, dtstart: due },
      timeZone: 'UTC',
      dueAt: due,
      completedAt: due,
      occurrenceIndex: 1,
    };
    expect(nextOccurrence(context)).toBeNull();
  });

  it('ends a stored series whose next occurrence lies beyond the cap, without looping', () => {
    const stats = newStats();
    const next = nextOccurrence(
      {
        recurrence: {
          rrule: 'FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=20',
          repeat_from: 'due',
          dtstart: due,
        },
        timeZone: 'UTC',
        dueAt: due,
        completedAt: due,
        occurrenceIndex: 1,
      },
      stats,
    );
    expect(next).toBeNull();
    expect(stats.maxPeriods).toBe(MAX_PERIODS);
  });
});
