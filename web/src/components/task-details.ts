import type { AuditEntry } from '../../../schemas/audit.ts';
import type { TaskOccurrences } from '../../../schemas/task-actor.ts';
import type { Task } from '../../../schemas/task.ts';
import { api } from '../core/api.ts';
import { localWhen } from '../core/dates.ts';
import { h } from '../core/dom.ts';
import { historyLine } from './history-lines.ts';
import { problemText } from './toasts.ts';

/**
 * A task's details in a modal dialog: its next occurrences (a recurring task) and its history,
 * both in the user's zone. Each part loads on its own; a failure shows in its place.
 */
export function openTaskDetails(task: Task, timeZone: string): void {
  const now = new Date();
  const when = (instant: string) =>
    h('time', { datetime: instant }, localWhen(instant, timeZone, now));
  const history = h('ol', { class: 'history', 'aria-busy': 'true' }, h('li', {}, 'Loading…'));
  const next = task.recurrence
    ? h('ol', { class: 'occurrences', 'aria-busy': 'true' }, h('li', {}, 'Loading…'))
    : null;
  const nextNote = h('p', { class: 'hint' });

  const dialog = h(
    'dialog',
    { class: 'details-dialog', 'aria-labelledby': 'details-title' },
    h('h2', { id: 'details-title' }, task.title),
    task.description ? h('p', { class: 'description' }, task.description) : null,
    next
      ? h(
          'section',
          { 'aria-labelledby': 'details-next' },
          h('h3', { id: 'details-next' }, 'Next occurrences'),
          next,
          nextNote,
        )
      : null,
    h(
      'section',
      { 'aria-labelledby': 'details-history' },
      h('h3', { id: 'details-history' }, 'History'),
      history,
    ),
    h('form', { method: 'dialog' }, h('button', { type: 'submit', autofocus: true }, 'Close')),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();

  void api<{ items: AuditEntry[] }>('GET', `/tasks/${task.id}/history`).then(
    ({ items }) => {
      history.replaceChildren(
        ...items.map((entry) => h('li', {}, when(entry.occurred_at), ' ', historyLine(entry))),
      );
      history.removeAttribute('aria-busy');
    },
    (failure: unknown) =>
      history.replaceChildren(h('li', { class: 'error' }, problemText(failure))),
  );
  if (next)
    void api<TaskOccurrences>('GET', `/tasks/${task.id}/occurrences?count=5`).then(
      (answer) => {
        next.replaceChildren(
          ...(answer.occurrences.length
            ? answer.occurrences.map((occurrence) => h('li', {}, when(occurrence.due_at)))
            : [h('li', {}, 'None: the series ends with this one.')]),
        );
        next.removeAttribute('aria-busy');
        if (answer.projected)
          nextNote.textContent =
            'This task repeats from completion: the dates assume each is completed when due.';
      },
      (failure: unknown) => next.replaceChildren(h('li', { class: 'error' }, problemText(failure))),
    );
}
