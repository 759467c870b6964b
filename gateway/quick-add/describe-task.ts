import { Temporal } from '@js-temporal/polyfill';
import type { QuickAddTask } from '../../schemas/quick-add.ts';
import type { RecurrenceInput } from '../../schemas/recurrence.ts';
import { computableTimeZone } from '../../schemas/time-zone.ts';
import { calendarDay } from '../chat/reply-format.ts';

/** days_of_week counts from Sunday = 0. */
const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const pad = (n: number) => String(n).padStart(2, '0');

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

const clock = (at: Temporal.ZonedDateTime) => `${pad(at.hour)}:${pad(at.minute)}`;

/** "Fri 1 Jan", with the year when it is not this year's. */
const day = (at: Temporal.ZonedDateTime, today: Temporal.ZonedDateTime) =>
  calendarDay(at.toPlainDate(), today.toPlainDate());

const every = (interval: number, unit: string, single: string) =>
  interval === 1 ? single : `every ${interval} ${unit}s`;

/** "monthly on the 1st", "every 2 weeks on Mon, Thu", "every weekday". */
export function describeRule(rule: RecurrenceInput): string {
  if ('rrule' in rule) return `repeats (${rule.rrule})`;
  const interval = rule.interval ?? 1;
  switch (rule.frequency) {
    case 'daily':
      return every(interval, 'day', 'daily');
    case 'weekly': {
      const days = rule.days_of_week ?? [];
      if (interval === 1 && days.length === 5 && [1, 2, 3, 4, 5].every((d) => days.includes(d)))
        return 'every weekday';
      const on = days.length > 0 ? ` on ${days.map((d) => dayNames[d]).join(', ')}` : '';
      return `${every(interval, 'week', 'weekly')}${on}`;
    }
    case 'monthly': {
      const on = rule.day_of_month ? ` on the ${ordinal(rule.day_of_month)}` : '';
      return `${every(interval, 'month', 'monthly')}${on}`;
    }
    case 'yearly':
      return every(interval, 'year', 'yearly');
  }
}

/** "30 min before", "1 day before", "at the due time": a reminder offset for a person. */
export function describeOffset(offset: string): string {
  const duration = Temporal.Duration.from(offset);
  const minutes = Math.round(Math.abs(duration.total({ unit: 'minutes' })));
  if (minutes === 0) return 'at the due time';
  const units: [number, string][] = [
    [7 * 24 * 60, 'week'],
    [24 * 60, 'day'],
    [60, 'h'],
    [1, 'min'],
  ];
  const [size, unit] = units.find(([size]) => minutes % size === 0)!;
  const count = minutes / size;
  const amount =
    unit === 'week' || unit === 'day'
      ? `${count} ${unit}${count === 1 ? '' : 's'}`
      : `${count} ${unit}`;
  return `${amount} ${duration.sign < 0 ? 'before' : 'after'}`;
}

/**
 * One line saying what a task will be, dates in the user's zone:
 * "Pay rent — monthly on the 1st, 09:00, from Fri 1 Jan; #home; high priority".
 */
export function describeTask(task: QuickAddTask, timeZone: string, now: Date): string {
  const zone = computableTimeZone(timeZone);
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(zone);
  const due = task.due_at ? Temporal.Instant.from(task.due_at).toZonedDateTimeISO(zone) : undefined;
  const moment = (instant: string) => {
    const at = Temporal.Instant.from(instant).toZonedDateTimeISO(zone);
    return `${day(at, today)}, ${clock(at)}`;
  };
  const parts: string[] = [];
  if (task.recurrence) {
    const rule = describeRule(task.recurrence);
    parts.push(due ? `${rule}, ${clock(due)}, from ${day(due, today)}` : rule);
  } else if (task.due_at) parts.push(moment(task.due_at));
  if (task.reminders.length > 0)
    parts.push(
      `reminder ${task.reminders.map((r) => ('offset' in r ? describeOffset(r.offset) : moment(r.at))).join(', ')}`,
    );
  if (task.tags.length > 0) parts.push(task.tags.map((tag) => `#${tag}`).join(' '));
  if (task.priority !== 'medium') parts.push(`${task.priority} priority`);
  return parts.length > 0 ? `${task.title} — ${parts.join('; ')}` : task.title;
}
