import type { TaskPriority } from '../../../schemas/task.ts';
import type { TaskView } from '../../../schemas/task-views.ts';

/**
 * The server's enumerations the page lists, as plain constants: importing the zod schemas would
 * bring zod, the time-zone database and Temporal into the bundle (a test keeps them equal).
 */
export const TASK_VIEWS = [
  'today',
  'upcoming',
  'overdue',
  'completed',
  'all',
] as const satisfies readonly TaskView[];

/** Most urgent first, as the filter shows them. */
export const PRIORITIES = [
  'urgent',
  'high',
  'medium',
  'low',
] as const satisfies readonly TaskPriority[];
