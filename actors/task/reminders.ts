import { Temporal } from '@js-temporal/polyfill';
import { registrationName, type Reminder, type ReminderInput } from '../../schemas/reminder.ts';
import { isClosed, type Task } from '../../schemas/task.ts';
import { computableTimeZone } from '../../schemas/time-zone.ts';
import { pendingFireAt } from './snooze.ts';

/**
 * A reminder is identified by what it means ("30 minutes before due", "at 2026-12-01T09:00Z"),
 * so setting the same reminders again keeps their ids and whether they fired.
 */
export const reminderId = (input: ReminderInput): string =>
  'offset' in input
    ? `offset:${Temporal.Duration.from(input.offset).toString()}`
    : `at:${input.at}`;

/** The instant a reminder fires: due_at moved by the offset in the task's zone, or `at`. */
export function fireAt(
  reminder: Pick<Reminder, 'offset' | 'at'>,
  dueAt: string | null,
  timeZone: string,
): string | null {
  if (reminder.at) return reminder.at;
  if (!reminder.offset || !dueAt) return null;
  return Temporal.Instant.from(dueAt)
    .toZonedDateTimeISO(computableTimeZone(timeZone))
    .add(Temporal.Duration.from(reminder.offset))
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });
}

/** The seed plan's reminder_offset ("PT1H" = one hour before due) as a reminder input. */
export const fromReminderOffset = (offset: string): ReminderInput => {
  const duration = Temporal.Duration.from(offset);
  return { offset: (duration.sign > 0 ? duration.negated() : duration).toString() };
};

/**
 * Builds the stored reminders from inputs, keeping fired_at of reminders that still mean the
 * same instant (a reminder moved to a new time may fire again).
 */
export function buildReminders(
  inputs: readonly ReminderInput[],
  previous: readonly Reminder[],
  dueAt: string | null,
  timeZone: string,
): Reminder[] {
  const byId = new Map<string, Reminder>();
  for (const input of inputs) {
    const id = reminderId(input);
    if (byId.has(id)) continue;
    const reminder = {
      id,
      offset: 'offset' in input ? Temporal.Duration.from(input.offset).toString() : null,
      at: 'at' in input ? input.at : null,
    };
    const fire = fireAt(reminder, dueAt, timeZone);
    const before = previous.find((old) => old.id === id);
    const same = before !== undefined && before.fire_at === fire;
    byId.set(id, {
      ...reminder,
      fire_at: fire,
      fired_at: same ? before.fired_at : null,
      ...(same && before.snoozed_until ? { snoozed_until: before.snoozed_until } : {}),
    });
  }
  return [...byId.values()].sort((a, b) => (a.fire_at ?? '').localeCompare(b.fire_at ?? ''));
}

/** The same reminders recomputed after due_at or the zone changed. */
export const recomputeReminders = (
  task: Pick<Task, 'reminders' | 'due_at' | 'time_zone'>,
): Reminder[] =>
  buildReminders(
    task.reminders.map((r): ReminderInput => (r.offset ? { offset: r.offset } : { at: r.at! })),
    task.reminders,
    task.due_at,
    task.time_zone,
  );

/** Reminders carried to the next occurrence: each keeps its distance to the due date. */
export function carryOver(
  reminders: readonly Reminder[],
  oldDue: string,
  newDue: string,
  timeZone: string,
): Reminder[] {
  const inputs = reminders.map((reminder): ReminderInput => {
    if (reminder.offset) return { offset: reminder.offset };
    const distance = Temporal.Instant.from(reminder.at!).since(Temporal.Instant.from(oldDue), {
      largestUnit: 'hours',
    });
    return { offset: distance.toString() };
  });
  return buildReminders(inputs, [], newDue, timeZone);
}

export interface ReminderRegistration {
  /** `due`: a reminder of the task; `series`: its series moving on (series.ts). */
  kind: 'due' | 'series';
  /** Name in the Dapr scheduler: derived from the reminder id, safe in a URL. */
  name: string;
  reminderId: string;
  fireAt: string;
}

export { registrationName };

/** The reminders that should be registered for a task in this state. */
export function desiredRegistrations(
  task: Task | undefined,
  deleted: boolean,
): ReminderRegistration[] {
  if (!task || deleted || isClosed(task.status)) return [];
  return task.reminders.flatMap((reminder) => {
    const at = pendingFireAt(reminder);
    return at === null
      ? []
      : [
          {
            kind: 'due' as const,
            name: registrationName(reminder.id),
            reminderId: reminder.id,
            fireAt: at,
          },
        ];
  });
}
