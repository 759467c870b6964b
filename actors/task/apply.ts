import type { TaskEvent } from './task-events.ts';
import type { TaskState } from './task-state.ts';

/**
 * Pure: the state after an event. Every task event carries the task as it is after the event,
 * so applying is taking that snapshot; deletion also leaves the tombstone mark.
 */
export function apply(_state: TaskState | undefined, event: TaskEvent): TaskState {
  const task = event.data.task;
  return { task, deleted_at: event.type === 'task.deleted' ? task.updated_at : null };
}

/** The aggregate version an event's envelope carries. */
export const versionOf = (event: TaskEvent): number => event.data.task.version;
