import fc from 'fast-check';
import type { RecurrenceInput } from '../../schemas/recurrence.ts';
import type { ReminderInput } from '../../schemas/reminder.ts';

/**
 * Create bodies of every reminder and recurrence shape the API takes, for round-trip tests of
 * the web editor. Due dates lie 30–300 days ahead and reminders at most three weeks before
 * them, so that nothing fires (and changes the task) while a test looks at it.
 */
export const zones = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Adelaide',
  'Pacific/Chatham',
] as const;

const DAY = 86_400_000;

export const offsetArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('-PT15M', '-PT30M', '-PT1H', '-P1D', '-P1W', 'PT0S', 'PT10M', '-PT45S'),
  fc
    .tuple(fc.integer({ min: 1, max: 500 }), fc.constantFrom('M', 'H', 'S'), fc.boolean())
    .map(([n, unit, before]) => `${before ? '-' : ''}PT${n}${unit}`),
  fc
    .tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 23 }))
    .map(([d, h]) => `-P${d}DT${h}H`),
  fc
    .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 59 }))
    .map(([h, m]) => `-PT${h}H${m}M`),
);

const instantBetween = (fromDays: number, toDays: number, now: number) =>
  fc.integer({ min: fromDays * 1000, max: toDays * 1000 }).chain((milliDays) =>
    fc.constantFrom(0, 1, 2).map((precision) => {
      const time = now + (milliDays / 1000) * DAY;
      // Whole minutes, whole seconds, or milliseconds: a form control shows minutes only.
      const rounded =
        precision === 0 ? time - (time % 60_000) : precision === 1 ? time - (time % 1000) : time;
      return new Date(rounded).toISOString();
    }),
  );

const reminderArbitrary = (now: number): fc.Arbitrary<ReminderInput> =>
  fc.oneof(
    offsetArbitrary.map((offset) => ({ offset })),
    instantBetween(2, 25, now).map((at) => ({ at })),
  );

const series = {
  repeat_from: fc.constantFrom('due', 'completion') as fc.Arbitrary<'due' | 'completion'>,
  missed: fc.option(fc.constantFrom('keep', 'skip') as fc.Arbitrary<'keep' | 'skip'>, {
    nil: undefined,
  }),
};

const withSeries = <T extends object>(rule: fc.Arbitrary<T>) =>
  fc
    .record(series)
    .chain(({ repeat_from, missed }) =>
      rule.map((value) => ({ ...value, repeat_from, ...(missed ? { missed } : {}) })),
    );

const end = (now: number) =>
  fc.oneof(
    fc.constant({}),
    fc.integer({ min: 1, max: 30 }).map((count) => ({ count })),
    instantBetween(1900, 3000, now).map((end_date) => ({ end_date })),
  );

const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const structuredArbitrary = (now: number) =>
  fc
    .tuple(
      fc.oneof(
        fc.constant({ frequency: 'daily' as const }),
        fc.record(
          {
            frequency: fc.constant('weekly' as const),
            days_of_week: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), {
              minLength: 1,
              maxLength: 7,
            }),
          },
          { requiredKeys: ['frequency'] },
        ),
        fc.record(
          {
            frequency: fc.constant('monthly' as const),
            day_of_month: fc.integer({ min: 1, max: 31 }),
          },
          { requiredKeys: ['frequency'] },
        ),
        fc.integer({ min: 1, max: 12 }).chain((month) =>
          fc.oneof(
            fc.constant({ frequency: 'yearly' as const }),
            fc
              .integer({ min: 1, max: monthDays[month - 1]! })
              .map((day_of_month) => ({ frequency: 'yearly' as const, month, day_of_month })),
          ),
        ),
      ),
      fc.integer({ min: 1, max: 4 }),
      end(now),
    )
    .map(([rule, interval, ending]) => ({ ...rule, interval, ...ending }));

/** RRULEs as people write them: some the structured editor says, some it cannot. */
const rruleArbitrary = fc.constantFrom(
  'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  'FREQ=MONTHLY;BYDAY=1MO',
  'FREQ=MONTHLY;BYDAY=-1FR',
  'FREQ=MONTHLY;BYMONTHDAY=-1',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=MO',
  'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
  'FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1',
  'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  'FREQ=DAILY;INTERVAL=3;COUNT=5',
);

export const recurrenceArbitrary = (now: number): fc.Arbitrary<RecurrenceInput> =>
  fc.oneof(
    withSeries(structuredArbitrary(now)),
    withSeries(rruleArbitrary.map((rrule) => ({ rrule }))),
  ) as fc.Arbitrary<RecurrenceInput>;

export interface TaskShape {
  title: string;
  description: string;
  priority: 'low' | 'medium' | 'high' | 'urgent';
  tags: string[];
  due_at: string | null;
  time_zone: string;
  reminders: ReminderInput[];
  recurrence: RecurrenceInput | null;
  status: 'pending' | 'in_progress';
}

const textArbitrary = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: max, unit: 'grapheme-ascii' })
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter((text) => text.length > 0);

/** A create body; the title is left to the caller, which makes it unique. */
export const taskShapeArbitrary = (now = Date.now()): fc.Arbitrary<Omit<TaskShape, 'title'>> =>
  fc
    .record({
      description: fc.oneof(fc.constant(''), textArbitrary(80), fc.constant('two\nlines')),
      priority: fc.constantFrom('low', 'medium', 'high', 'urgent') as fc.Arbitrary<
        TaskShape['priority']
      >,
      tags: fc.uniqueArray(
        textArbitrary(12).filter((tag) => !tag.includes(',') && !tag.startsWith('#')),
        { maxLength: 3, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() },
      ),
      due: fc.option(instantBetween(30, 300, now), { nil: null }),
      time_zone: fc.constantFrom(...zones),
      reminders: fc.array(reminderArbitrary(now), { maxLength: 4 }),
      recurrence: fc.option(recurrenceArbitrary(now), { nil: null, freq: 3 }),
      status: fc.constantFrom('pending', 'in_progress') as fc.Arbitrary<TaskShape['status']>,
    })
    .map(({ due, recurrence, ...rest }) => ({
      ...rest,
      // A recurring task needs a due time.
      due_at: due ?? (recurrence ? new Date(now + 40 * DAY).toISOString() : null),
      recurrence,
    }));
