import type { TaskListQuery } from '../../../schemas/task-query.ts';
import type { TaskPriority, Task } from '../../../schemas/task.ts';
import type { TaskCounts, TaskView } from '../../../schemas/task-views.ts';
import { TASK_VIEWS } from '../core/domain.ts';
import { createStore, type Store } from '../core/store.ts';

/** Everything the task page shows that can change while it is open. */
export interface PageState {
  displayName: string;
  /** The profile's zone: days, headings and times on the page are this zone's. */
  timeZone: string;
  view: TaskView;
  search: string;
  priority: TaskPriority[];
  tags: string;
  /** The order of the All view; the other views have their own. */
  sort: TaskListQuery['sort'];
  order: 'asc' | 'desc';
  tasks: Task[];
  /** The list is being fetched for a view or filter it does not show yet. */
  loading: boolean;
  /** How many pages of 100 the list holds ("Show more"); a refresh fetches as many again. */
  pages: number;
  more: boolean;
  counts: TaskCounts | undefined;
  /** The task in the editor; undefined: the editor adds a new task. */
  editing: Task | undefined;
  /** Bumped to redraw what depends on the clock ("in 5 min"), once a minute. */
  minute: number;
}

export const viewLabels: Record<TaskView, string> = {
  today: 'Today',
  upcoming: 'Upcoming',
  overdue: 'Overdue',
  completed: 'Completed',
  all: 'All',
};

/** The view in the address (#/upcoming): a reload, a bookmark and Back keep it. */
export function viewFromHash(hash: string): TaskView | undefined {
  const name = hash.replace(/^#\/?/, '');
  return (TASK_VIEWS as readonly string[]).includes(name) ? (name as TaskView) : undefined;
}

export type PageStore = Store<PageState>;

export const createPageStore = (profile: { display_name: string; time_zone: string }) =>
  createStore<PageState>({
    displayName: profile.display_name,
    timeZone: profile.time_zone,
    view: viewFromHash(location.hash) ?? 'all',
    search: '',
    priority: [],
    tags: '',
    sort: 'due',
    order: 'asc',
    tasks: [],
    loading: true,
    pages: 1,
    more: false,
    counts: undefined,
    editing: undefined,
    minute: 0,
  });
