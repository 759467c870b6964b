import { Temporal } from '@js-temporal/polyfill';
import { z } from 'zod';
import { instantSchema } from './instant.ts';
import { computableTimeZone } from './time-zone.ts';

const years = /^(?:19[7-9]\d|2\d{3})-/;
const yearsMessage = 'must be between the years 1970 and 2999';

/** A date-time without offset, as the seed plan's clients send it: read in the caller's zone. */
const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/, 'must be a date-time')
  .regex(years, yearsMessage)
  .refine((value) => {
    try {
      Temporal.PlainDateTime.from(value.replace(' ', 'T'));
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid date-time')
  .transform((value) => ({
    kind: 'local' as const,
    value: Temporal.PlainDateTime.from(value.replace(' ', 'T')).toString(),
  }));

/** A plain date: the whole of that day in the caller's zone. */
const plainDateSchema = z.iso
  .date()
  .regex(years, yearsMessage)
  .transform((value) => ({ kind: 'date' as const, value }));

/**
 * One end of a date range in a query: an instant with offset (`2027-05-15T00:00:00Z`), or, as
 * the seed plan sends them, a date-time without offset (`2027-05-15T00:00:00`) or a plain date
 * (`2027-05-18`), both read in the caller's time zone.
 */
export const dateBoundSchema = z
  .union([
    instantSchema.transform((value) => ({ kind: 'instant' as const, value })),
    localDateTimeSchema,
    plainDateSchema,
  ])
  .meta({
    description:
      'An instant with offset, or a date-time without offset or a plain date read in your ' +
      'profile time zone. As an upper bound, a plain date includes the whole day.',
  });
export type DateBound = z.output<typeof dateBoundSchema>;

/**
 * The instant a bound stands for. Ranges are inclusive at both ends, so a plain date as the
 * upper bound is its last millisecond (23:59:59.999 local), the day's end however long the day
 * (23 or 25 hours at a DST change); as the lower bound it is the day's first instant.
 */
export function resolveDateBound(
  bound: DateBound,
  edge: 'start' | 'end',
  timeZone: string,
): string {
  const zone = computableTimeZone(timeZone);
  const instant = (zoned: Temporal.ZonedDateTime) =>
    zoned.toInstant().toString({ smallestUnit: 'millisecond' });
  switch (bound.kind) {
    case 'instant':
      return bound.value;
    case 'local':
      return instant(
        Temporal.PlainDateTime.from(bound.value).toZonedDateTime(zone, {
          disambiguation: 'compatible',
        }),
      );
    case 'date': {
      const day = Temporal.PlainDate.from(bound.value);
      if (edge === 'start') return instant(day.toZonedDateTime({ timeZone: zone }));
      const nextDay = day.add({ days: 1 }).toZonedDateTime({ timeZone: zone });
      return instant(nextDay.subtract({ milliseconds: 1 }));
    }
  }
}
