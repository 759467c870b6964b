import { Temporal } from '@js-temporal/polyfill';
import * as chrono from 'chrono-node';
import { computableTimeZone } from '../../../schemas/time-zone.ts';

export interface When {
  instant: string;
  /** The words that said when, to strip from a title. */
  text: string;
  index: number;
}

/**
 * Finds a date/time in free text, read as wall-clock time in the user's zone ("tomorrow at 5pm"
 * in Berlin is 17:00 Berlin, whatever the server's zone). A date without a time means 09:00.
 */
export function findWhen(text: string, zone: string, now: Date): When | undefined {
  const timeZone = computableTimeZone(zone);
  const offsetMinutes =
    Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone)
      .offsetNanoseconds / 60e9;
  const results = chrono.parse(
    text,
    { instant: now, timezone: offsetMinutes },
    { forwardDate: true },
  );
  const result = results[0];
  if (!result) return undefined;
  const start = result.start;
  const hourKnown = start.isCertain('hour');
  const local = Temporal.PlainDateTime.from({
    year: start.get('year') ?? 1970,
    month: start.get('month') ?? 1,
    day: start.get('day') ?? 1,
    hour: hourKnown ? (start.get('hour') ?? 9) : 9,
    minute: hourKnown ? (start.get('minute') ?? 0) : 0,
  });
  const instant = local
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });
  return { instant, text: result.text, index: result.index };
}
