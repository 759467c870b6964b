/**
 * Wall-clock times of an IANA zone as the values of `datetime-local` and `date` inputs, through
 * Intl alone: the page needs no time-zone library to show and read the task's zone.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

/** The zone's wall-clock fields at an instant, read as if they were UTC (ms, seconds dropped). */
function wallClock(time: number, zone: string): number {
  const parts = Object.fromEntries(
    formatIn(zone)
      .formatToParts(new Date(time))
      .map((part) => [part.type, part.value]),
  );
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as a `datetime-local` value (minutes) in the zone. */
export function localFromInstant(instant: string, zone: string): string {
  const wall = new Date(wallClock(Date.parse(instant), zone));
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`
  );
}

/** An instant as a `date` value in the zone. */
export const dateFromInstant = (instant: string, zone: string): string =>
  localFromInstant(instant, zone).slice(0, 10);

/**
 * A `datetime-local` value read in the zone, as an instant. A wall-clock time that the zone
 * skips (spring forward) lands after the gap, as the server's recurrence does.
 */
export function instantFromLocal(local: string, zone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new RangeError(`not a date and time: ${local}`);
  const [y, mo, d, hh, mm, ss] = match.slice(1).map((part) => Number(part ?? 0));
  const wanted = Date.UTC(y!, mo! - 1, d!, hh!, mm!, ss!);
  // The zone's offset at a first guess, then at the corrected time (it differs across a change).
  const first = wanted - (wallClock(wanted, zone) - wanted);
  const second = wanted - (wallClock(first, zone) - first);
  return new Date(second).toISOString();
}
