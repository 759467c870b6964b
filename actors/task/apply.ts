import type { Task } from '../../schemas/task.ts';
import type { TaskEvent } from './task-events.ts';

/** Pure: the state after an event. Replaying a task's events rebuilds it. */
export function apply(_state: Task | undefined, event: TaskEvent): Task {
  switch (event.type) {
    case 'task.created':
      return event.data.task;
  }
}

/** The version an aggregate will have after the event: every event bumps it by one. */
export const versionAfter = (state: Task | undefined): number => (state?.version ?? 0) + 1;
