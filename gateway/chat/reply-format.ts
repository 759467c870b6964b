import { Temporal } from '@js-temporal/polyfill';
import type { Task } from '../../schemas/task.ts';
import { computableTimeZone } from '../../schemas/time-zone.ts';

/**
 * Dates in chat replies, on the user's wall clock: "today at 17:00", "tomorrow at 09:00",
 * "Fri 5 Dec, 17:00" (with the year when it is not this one). Never an ISO instant, never "UTC".
 */
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

const zoned = (instant: string, zone: string) =>
  Temporal.Instant.from(instant).toZonedDateTimeISO(computableTimeZone(zone));
const todayIn = (zone: string, now: Date) =>
  Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(computableTimeZone(zone))
    .toPlainDate();

/** "Today", "Tomorrow", "Yesterday", or "Fri 5 Dec" (+ year when not this year's). */
export function formatDay(date: Temporal.PlainDate, zone: string, now: Date): string {
  const today = todayIn(zone, now);
  const days = today.until(date, { largestUnit: 'days' }).days;
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  if (days === -1) return 'Yesterday';
  return calendarDay(date, today);
}

/** "Fri 5 Dec", with the year when it is not `today`'s. Quick add's preview says days so too. */
export function calendarDay(date: Temporal.PlainDate, today: Temporal.PlainDate): string {
  const text = `${weekdays[date.dayOfWeek - 1]} ${date.day} ${months[date.month - 1]}`;
  return date.year === today.year ? text : `${text} ${date.year}`;
}

/** The wall clock of a zone now: "19:00 on Thu 26 Nov". */
export function formatClockIn(zone: string, now: Date): string {
  const at = zoned(now.toISOString(), zone);
  return `${pad(at.hour)}:${pad(at.minute)} on ${weekdays[at.dayOfWeek - 1]} ${at.day} ${months[at.month - 1]}`;
}

/** "tomorrow at 09:00", "Fri 5 Dec, 17:00". */
export function formatWhen(instant: string, zone: string, now: Date): string {
  const at = zoned(instant, zone);
  const day = formatDay(at.toPlainDate(), zone, now);
  const clock = `${pad(at.hour)}:${pad(at.minute)}`;
  return /^(?:Today|Tomorrow|Yesterday)$/.test(day)
    ? `${day.toLowerCase()} at ${clock}`
    : `${day}, ${clock}`;
}

const marks = (task: Task) =>
  [
    task.priority === 'high' || task.priority === 'urgent' ? task.priority : '',
    task.status === 'in_progress' ? 'in progress' : '',
    task.status === 'completed' ? 'done' : '',
  ].filter(Boolean);

/**
 * Tasks grouped by their due day, in due order within a day; tasks without a date come last.
 * "Tomorrow\n• Buy milk — 17:00 (high)\nNo date\n• Call the dentist".
 */
export function formatTaskList(tasks: readonly Task[], zone: string, now: Date): string {
  const groups = new Map<string, { title: string; lines: [string, string][] }>();
  for (const task of tasks) {
    const at = task.due_at ? zoned(task.due_at, zone) : undefined;
    const key = at ? at.toPlainDate().toString() : '~';
    const group = groups.get(key) ?? {
      title: at ? formatDay(at.toPlainDate(), zone, now) : 'No date',
      lines: [],
    };
    const extra = marks(task);
    const clock = at ? ` — ${pad(at.hour)}:${pad(at.minute)}` : '';
    group.lines.push([
      task.due_at ?? '',
      `• ${task.title}${clock}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`,
    ]);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) =>
      [
        group.title,
        ...group.lines.sort(([a], [b]) => a.localeCompare(b)).map(([, line]) => line),
      ].join('\n'),
    )
    .join('\n');
}
