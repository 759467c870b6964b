/**
 * Days and times in the user's profile zone (not the browser's): the page shows a Berlin user's
 * day in Berlin even on a laptop set to Chicago. The zone's wall clock comes from zoned-time.ts
 * (the editor's, with its formats cached per zone).
 */
import { dateFromInstant, localFromInstant } from './zoned-time.ts';

const iso = (instant: string | Date) =>
  typeof instant === 'string' ? instant : instant.toISOString();

/** The calendar day of an instant in a zone, as YYYY-MM-DD (sorts like the days themselves). */
export const dayKey = (instant: string | Date, timeZone: string): string =>
  dateFromInstant(iso(instant), timeZone);

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** "Today", "Tomorrow", "Yesterday", else "Fri 5 Dec" (with the year when it is not this one). */
export function dayLabel(key: string, today: string): string {
  const distance = daysBetween(today, key);
  if (distance === 0) return 'Today';
  if (distance === 1) return 'Tomorrow';
  if (distance === -1) return 'Yesterday';
  // Noon UTC of that day names the same calendar day; the parts are put together here, since
  // ICU versions differ in the commas between them.
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).formatToParts(new Date(`${key}T12:00:00Z`));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const label = `${part('weekday')} ${part('day')} ${part('month')}`;
  return key.slice(0, 4) === today.slice(0, 4) ? label : `${label} ${part('year')}`;
}

/** "09:05", on the 24-hour clock of the zone. */
export const timeOfDay = (instant: string | Date, timeZone: string): string =>
  localFromInstant(iso(instant), timeZone).slice(11, 16);

/** "Today 09:00", "Tomorrow 17:30", "Fri 4 Dec 08:00": an instant as the user reads it. */
export const localWhen = (instant: string, timeZone: string, now: Date): string =>
  `${dayLabel(dayKey(instant, timeZone), dayKey(now, timeZone))} ${timeOfDay(instant, timeZone)}`;
