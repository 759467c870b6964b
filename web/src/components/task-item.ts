import type { Task } from '../../../schemas/task.ts';
import { localWhen } from '../core/dates.ts';
import { h } from '../core/dom.ts';
import { dueCountdown } from '../core/format.ts';

/** What a task's row can ask the page to do. */
export interface TaskActions {
  complete(task: Task): void;
  reopen(task: Task): void;
  /** In progress, or back to pending. */
  start(task: Task, started: boolean): void;
  skip(task: Task): void;
  remove(task: Task): void;
  edit(task: Task): void;
  details(task: Task): void;
}

const isDone = (task: Task) => task.status === 'completed' || task.status === 'skipped';

/**
 * What a row shows, as a key: a row is drawn again only when this changes (or the minute does,
 * for "in 5 min"), so a live update leaves every other row, its focus and its place alone.
 */
export const rowKey = (task: Task, timeZone: string, minute: number): string =>
  `${task.id}:${task.version}:${task.status}:${timeZone}:${task.due_at ? minute : ''}`;

/** One task of the list: its check, what it is, and what can be done with it. */
export function taskItem(task: Task, timeZone: string, actions: TaskActions): HTMLLIElement {
  const now = new Date();
  // A skipped occurrence is closed like a completed one; the check reopens either.
  const done = isDone(task);
  const started = task.status === 'in_progress';
  const due = task.due_at ? dueCountdown(task.due_at, now, done) : undefined;
  const action = (name: string, label: string, run: () => void, extra = {}) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-action': name,
        'aria-label': `${label} ${task.title}`,
        onclick: run,
        ...extra,
      },
      label,
    );
  return h(
    'li',
    {
      class: `task${done ? ' done' : ''}${due?.overdue ? ' overdue' : ''}${started ? ' started' : ''}`,
      'data-task-id': task.id,
      // The row itself takes the focus of j/k; its buttons stay in the normal tab order.
      tabindex: -1,
    },
    h(
      'button',
      {
        type: 'button',
        class: 'check',
        'data-action': 'check',
        'aria-label': done ? `Reopen ${task.title}` : `Complete ${task.title}`,
        'aria-pressed': done ? 'true' : 'false',
        onclick: () => (done ? actions.reopen(task) : actions.complete(task)),
      },
      done ? '✓' : '',
    ),
    h(
      'div',
      { class: 'body' },
      h('span', { class: 'title' }, task.title),
      h('span', { class: `badge priority-${task.priority}` }, task.priority),
      started ? h('span', { class: 'badge in-progress' }, 'in progress') : null,
      task.recurrence
        ? h('span', { class: 'badge recurring', title: task.recurrence.rrule }, '↻ repeats')
        : null,
      task.status === 'skipped' ? h('span', { class: 'badge skipped' }, 'skipped') : null,
      ...task.tags.map((tag) => h('span', { class: 'chip' }, `#${tag}`)),
      due && task.due_at
        ? h(
            'span',
            {
              class: `due${due.overdue ? ' is-overdue' : ''}`,
              title: localWhen(task.due_at, timeZone, now),
            },
            h('time', { datetime: task.due_at }, localWhen(task.due_at, timeZone, now)),
            ` · ${due.text}`,
          )
        : null,
    ),
    h(
      'div',
      { class: 'actions' },
      done
        ? null
        : action(started ? 'pause' : 'start', started ? 'Pause' : 'Start', () =>
            actions.start(task, !started),
          ),
      action('edit', 'Edit', () => actions.edit(task)),
      action('details', 'Details', () => actions.details(task), { 'aria-haspopup': 'dialog' }),
      task.recurrence && !done
        ? action('skip', 'Skip', () => actions.skip(task), {
            title: 'Skip this occurrence; the series goes on',
          })
        : null,
      action('delete', 'Delete', () => actions.remove(task), { class: 'small danger' }),
      h(
        'a',
        {
          class: 'small',
          href: `/inspector.html#task/${task.id}`,
          'aria-label': `Inspect ${task.title}`,
        },
        'Inspect',
      ),
    ),
  );
}
