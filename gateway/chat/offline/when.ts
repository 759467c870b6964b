import { Temporal } from '@js-temporal/polyfill';
import * as chrono from 'chrono-node';
import { computableTimeZone } from '../../../schemas/time-zone.ts';

export interface When {
  instant: string;
  /** The words that said when, to strip from a title. */
  text: string;
  index: number;
  /** Whether the words named a time of day ("at 5", "tonight"), not only a day. */
  timeKnown: boolean;
  /**
   * A time said apart from its day ("tomorrow meeting at 10 am"), or a day apart from its time
   * ("at 3 pm in goshen on may 5th"): the other words, after `text`.
   */
  also?: { text: string; index: number };
}

/** A part of the day stands for chrono's hour for it ("tomorrow evening" → 20:00, not 09:00). */
const partOfDay = /\b(?:morning|afternoon|evening|tonight|night|noon|midday|lunchtime)\b/i;
/** "the 14th" alone: a day of this month, or of the next when it has passed. */
const dayOfMonth =
  /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of|day|week|month|item|list|event))/i;

/**
 * Finds a date/time in free text, read as wall-clock time in the user's zone ("tomorrow at 5pm"
 * in Berlin is 17:00 Berlin, whatever the server's zone). A date without a time means 09:00; a
 * bare hour from 1 to 7 without am/pm is in the afternoon ("meeting at 3"), as people mean it.
 */
export function findWhen(text: string, zone: string, now: Date): When | undefined {
  const timeZone = computableTimeZone(zone);
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone);
  const offsetMinutes = today.offsetNanoseconds / 60e9;
  const results = chrono.parse(
    text,
    { instant: now, timezone: offsetMinutes },
    { forwardDate: true },
  );
  const result = results[0];
  if (!result) return dayOfMonthIn(text, today, timeZone);
  const start = result.start;
  // The day and its time said apart: the time is the next result naming an hour and no day.
  const apart = start.isCertain('hour')
    ? undefined
    : results
        .slice(1, 3)
        .find(
          (later) =>
            later.start.isCertain('hour') &&
            !later.start.isCertain('day') &&
            !later.start.isCertain('weekday'),
        );
  // The other way round, "at 3 pm … on may 5th": the day is a later result naming no hour.
  const named = (c: chrono.ParsedComponents) =>
    c.isCertain('day') || c.isCertain('weekday') || c.isCertain('month');
  const dayApart =
    start.isCertain('hour') && !named(start)
      ? results.slice(1, 3).find((later) => named(later.start) && !later.start.isCertain('hour'))
      : undefined;
  const day = dayApart?.start ?? start;
  const clock = apart?.start ?? start;
  const hourKnown = clock.isCertain('hour') || partOfDay.test(result.text);
  let hour = hourKnown ? (clock.get('hour') ?? 9) : 9;
  const afternoon =
    clock.isCertain('hour') && !clock.isCertain('meridiem') && hour >= 1 && hour <= 7;
  if (afternoon) hour += 12;
  let local = Temporal.PlainDateTime.from({
    year: day.get('year') ?? today.year,
    month: day.get('month') ?? today.month,
    day: day.get('day') ?? today.day,
    hour,
    minute: hourKnown ? (clock.get('minute') ?? 0) : 0,
  });
  // "call mom at 5" at 11:00: chrono moved 5 am, passed, to tomorrow; 17:00 today is still ahead.
  if (afternoon && !named(day)) {
    const todayAt = local.with({ year: today.year, month: today.month, day: today.day });
    if (Temporal.PlainDateTime.compare(todayAt, today.toPlainDateTime()) > 0) local = todayAt;
  }
  const instant = local
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });
  return {
    instant,
    text: result.text,
    index: result.index,
    timeKnown: hourKnown,
    ...(apart || dayApart
      ? { also: { text: (apart ?? dayApart)!.text, index: (apart ?? dayApart)!.index } }
      : {}),
  };
}

function dayOfMonthIn(
  text: string,
  today: Temporal.ZonedDateTime,
  timeZone: string,
): When | undefined {
  const match = text.match(dayOfMonth);
  const day = match ? Number(match[1]) : 0;
  if (!match || day < 1 || day > 31) return undefined;
  let month = today.toPlainDate().toPlainYearMonth();
  if (day < today.day) month = month.add({ months: 1 });
  const date = month.toPlainDate({ day: Math.min(day, month.daysInMonth) });
  const instant = date
    .toZonedDateTime({ timeZone, plainTime: { hour: 9 } })
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });
  return { instant, text: match[0], index: match.index!, timeKnown: false };
}
