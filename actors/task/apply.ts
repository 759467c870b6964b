import type { TaskEvent } from './task-events.ts';
import type { TaskState } from './task-state.ts';

/**
 * Pure: the state after an event. Every task event carries the task as it is after the event,
 * so applying is taking that snapshot; deletion also leaves the tombstone mark.
 */
export function apply(state: TaskState | undefined, event: TaskEvent): TaskState {
  const task = event.data.task;
  const next: TaskState = {
    task,
    deleted_at: event.type === 'task.deleted' ? task.updated_at : null,
  };
  // Once the series has moved on, it stays moved on to the same occurrence: a named next wins,
  // then what was recorded, then an ended series (null).
  const carried = 'next' in event.data ? event.data.next : undefined;
  const advancedTo =
    carried ?? state?.advanced_to ?? (carried === null && task.recurrence ? null : undefined);
  return advancedTo === undefined ? next : { ...next, advanced_to: advancedTo };
}

/** The aggregate version an event's envelope carries. */
export const versionOf = (event: TaskEvent): number => event.data.task.version;
