import type { Task } from '../../schemas/task.ts';

/**
 * What the TaskActor keeps. A deleted task stays as a tombstone: its id cannot be reused, it
 * answers "not found", and late commands (a reminder firing, a retried completion) see it gone.
 */
export interface TaskState {
  task: Task;
  deleted_at: string | null;
}

export const isLive = (state: TaskState | undefined): state is TaskState =>
  state !== undefined && state.deleted_at === null;
