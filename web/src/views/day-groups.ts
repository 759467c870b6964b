import type { Task } from '../../../schemas/task.ts';
import type { TaskView } from '../../../schemas/task-views.ts';
import { dayKey, dayLabel } from '../core/dates.ts';

/** A run of the list under one heading ("Overdue", "Tomorrow", "Fri 5 Dec"); no heading: none. */
export interface TaskGroup {
  key: string;
  label?: string;
  tasks: Task[];
}

const isOpen = (task: Task) => task.status === 'pending' || task.status === 'in_progress';

/**
 * The headings of a view, in the user's zone: Today splits what is overdue from what is still
 * to come today; Upcoming and Overdue go by due day, Completed by the day a task was closed (its
 * last change); All keeps the order the person chose, without headings. The list's order is kept:
 * a group starts where its day starts.
 */
export function groupTasks(
  tasks: Task[],
  view: TaskView,
  timeZone: string,
  now: Date,
): TaskGroup[] {
  const today = dayKey(now, timeZone);
  const headingOf = (task: Task): { key: string; label?: string } => {
    switch (view) {
      case 'all':
        return { key: 'all' };
      case 'today':
        return isOpen(task) && task.due_at && Date.parse(task.due_at) < now.getTime()
          ? { key: 'overdue', label: 'Overdue' }
          : { key: 'today', label: 'Today' };
      case 'completed': {
        const day = dayKey(task.updated_at, timeZone);
        return { key: day, label: dayLabel(day, today) };
      }
      case 'upcoming':
      case 'overdue': {
        if (!task.due_at) return { key: 'none', label: 'No date' };
        const day = dayKey(task.due_at, timeZone);
        return { key: day, label: dayLabel(day, today) };
      }
    }
  };
  const groups: TaskGroup[] = [];
  for (const task of tasks) {
    const heading = headingOf(task);
    const last = groups[groups.length - 1];
    if (last && last.key === heading.key) last.tasks.push(task);
    else groups.push({ ...heading, tasks: [task] });
  }
  return groups;
}
