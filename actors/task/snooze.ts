import { Temporal } from '@js-temporal/polyfill';
import type { Reminder } from '../../schemas/reminder.ts';
import { MAX_SNOOZE_DAYS, type SnoozeInput } from '../../schemas/snooze.ts';
import type { DomainError } from '../../schemas/task-actor.ts';
import type { TaskEvent } from './task-events.ts';
import type { TaskState } from './task-state.ts';

/**
 * Snoozing: a reminder fires (again) once at a later instant. The snooze is the reminder's
 * `snoozed_until`, kept in the actor's state; the scheduler reminder for it is derived from the
 * state like every other (`pendingFireAt`), so it is durable, and a repeated or duplicated
 * delivery finds the snooze already spent and sends nothing.
 *
 * Rules:
 * - A fired reminder fires once more at the snoozed instant, as a new reminder.due (its own event
 *   id, so it is mailed again, within the daily cap).
 * - A reminder that has not fired yet may be snoozed too: it is moved, firing at the snoozed
 *   instant instead of its own (and then not again at its own).
 * - Snoozing again before the snooze fired replaces it; the same instant again changes nothing.
 * - Completed and deleted tasks refuse (409 `task_completed`, `task_deleted`); completing a task
 *   drops its pending snoozes with its reminders, and reopening brings them back.
 * - A snooze through a mailed link names the firing it was mailed for (`fired_at`): once the
 *   reminder fired again or was moved, that link is `snooze_link_superseded`.
 * - The snoozed instant must lie in the future and at most MAX_SNOOZE_DAYS days ahead.
 * - A reminder moved by an edit (its fire_at changes) loses its snooze with its `fired_at`.
 */

/** When the scheduler should next fire a reminder, if at all. */
export const pendingFireAt = (reminder: Reminder): string | null =>
  reminder.snoozed_until ?? (reminder.fired_at === null ? reminder.fire_at : null);

/** The reminder as it is once fired now: a pending snooze is spent. */
export function fired(reminder: Reminder, now: string): Reminder {
  const { snoozed_until: _spent, ...rest } = reminder;
  return { ...rest, fired_at: now };
}

export type SnoozeInstant =
  { ok: true; until: string } | { ok: false; path: 'for' | 'until'; message: string };

/**
 * The instant a snooze ends. A duration is added in the task's zone, so `P1D` is the same time of
 * day tomorrow across a DST change.
 */
export function snoozeInstant(input: SnoozeInput, now: string, timeZone: string): SnoozeInstant {
  const start = Temporal.Instant.from(now).toZonedDateTimeISO(timeZone);
  const path = 'for' in input ? 'for' : 'until';
  const until =
    'for' in input
      ? start.add(Temporal.Duration.from(input.for)).toInstant()
      : Temporal.Instant.from(input.until);
  const latest = start.add({ days: MAX_SNOOZE_DAYS }).toInstant();
  if (Temporal.Instant.compare(until, start.toInstant()) <= 0)
    return { ok: false, path, message: 'the snooze must end in the future' };
  if (Temporal.Instant.compare(until, latest) > 0)
    return {
      ok: false,
      path,
      message: `a reminder can be snoozed for at most ${MAX_SNOOZE_DAYS} days`,
    };
  return { ok: true, until: until.toString({ smallestUnit: 'millisecond' }) };
}

export interface SnoozeCommand {
  type: 'snooze_reminder';
  userId: string;
  reminderId: string;
  snooze: SnoozeInput;
  /** The `fired_at` a mailed link was signed for; absent through the API. */
  firing?: string;
}

export type SnoozeDecision = { ok: true; events: TaskEvent[] } | { ok: false; error: DomainError };

/** Pure: the snooze of one reminder, or why not. */
export function decideSnooze(
  state: TaskState | undefined,
  command: SnoozeCommand,
  context: { now: string },
): SnoozeDecision {
  const refuse = (error: DomainError): SnoozeDecision => ({ ok: false, error });
  if (!state || state.task.user_id !== command.userId)
    return refuse({ code: 'task_not_found', message: 'task not found' });
  if (state.deleted_at !== null)
    return refuse({ code: 'task_deleted', message: 'the task was deleted' });
  const task = state.task;
  if (task.status === 'completed')
    return refuse({ code: 'task_completed', message: 'the task is completed' });
  const reminder = task.reminders.find((r) => r.id === command.reminderId);
  if (!reminder)
    return refuse({
      code: 'reminder_not_found',
      message: `the task has no reminder ${command.reminderId}`,
    });
  if (command.firing !== undefined && reminder.fired_at !== command.firing)
    return refuse({
      code: 'snooze_link_superseded',
      message: 'the reminder has fired again or was changed since this link was mailed',
    });
  const instant = snoozeInstant(command.snooze, context.now, task.time_zone);
  if (!instant.ok)
    return refuse({
      code: 'validation_failed',
      message: instant.message,
      fields: [{ path: instant.path, message: instant.message }],
    });
  if (reminder.snoozed_until === instant.until) return { ok: true, events: [] };
  const snoozed: Reminder = { ...reminder, snoozed_until: instant.until };
  return {
    ok: true,
    events: [
      {
        type: 'reminder.snoozed',
        data: {
          task: {
            ...task,
            reminders: task.reminders.map((r) => (r.id === snoozed.id ? snoozed : r)),
          },
          reminder: snoozed,
        },
      },
    ],
  };
}
