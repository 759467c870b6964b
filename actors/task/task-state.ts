import type { NextOccurrence } from '../../schemas/events.ts';
import type { Task } from '../../schemas/task.ts';

/**
 * What the TaskActor keeps. A deleted task stays as a tombstone: its id cannot be reused, it
 * answers "not found", and late commands (a reminder firing, a retried completion) see it gone.
 */
export interface TaskState {
  task: Task;
  deleted_at: string | null;
  /**
   * Where the series moved on to from this occurrence, once it did (completed, skipped, reached
   * its due time, deleted or edited on its own): the next occurrence, or null when the series
   * ended. Absent while the series still waits on this occurrence. Every later completion or
   * skip names this same occurrence, so the series never forks.
   */
  advanced_to?: NextOccurrence | null;
}

export const isLive = (state: TaskState | undefined): state is TaskState =>
  state !== undefined && state.deleted_at === null;
