import type { SeriesScope, Task } from '../../../schemas/task.ts';
import { api, ApiProblem } from '../core/api.ts';
import { clear, h } from '../core/dom.ts';
import { field, knownZone, select } from './controls.ts';
import { recurrenceFields } from './recurrence-fields.ts';
import { reminderFields } from './reminder-fields.ts';
import {
  createBody,
  emptyForm,
  formFromTask,
  moveToZone,
  taskPatch,
  type TaskForm,
} from './task-form.ts';

/**
 * The task editor: the DOM around task-form.ts. Each control writes into the form state on its
 * own `input`/`change` event only, so a control nobody touched never alters a value (a textarea
 * normalising line ends, an input rounding an instant to the minute). Saving sends the PATCH
 * of the changes with If-Match of the version loaded; a concurrent change is reported, with a
 * reload, never overwritten.
 */
export interface EditorOptions {
  task?: Task;
  userTimeZone: string;
  /** After a save or a cancel: the caller shows a message and an empty editor. */
  done: (message?: string) => void;
  problemText: (error: unknown) => string;
}

export function renderEditor(host: HTMLElement, options: EditorOptions): void {
  const { task, userTimeZone } = options;
  const form: TaskForm = task ? formFromTask(task) : emptyForm(userTimeZone);
  let scope: SeriesScope = 'series';
  const otherZone = () => form.time_zone !== userTimeZone;

  const title = h('input', { id: 'task-title', required: true, maxlength: 200, value: form.title });
  title.addEventListener('input', () => (form.title = title.value));
  const description = h(
    'textarea',
    { id: 'task-description', maxlength: 2000, rows: 2 },
    form.description,
  );
  description.addEventListener('input', () => (form.description = description.value));
  const priority = select(
    'task-priority',
    ['low', 'medium', 'high', 'urgent'].map((p) => [p, p]),
    form.priority,
    (value) => (form.priority = value as TaskForm['priority']),
  );
  const statusOptions: [string, string][] = [
    ['pending', 'pending'],
    ['in_progress', 'in progress'],
    ['completed', 'completed'],
  ];
  if (form.status === 'skipped') statusOptions.push(['skipped', 'skipped']);
  const status = select(
    'task-status',
    statusOptions,
    form.status,
    (value) => (form.status = value as TaskForm['status']),
  );
  // Skipping has its own command; a skipped task shows it but it cannot be chosen.
  status.querySelector<HTMLOptionElement>('option[value="skipped"]')?.setAttribute('disabled', '');
  const tags = h('input', { id: 'task-tags', placeholder: 'work, deep focus', value: form.tags });
  tags.addEventListener('input', () => (form.tags = tags.value));

  const zoneNote = h('span', { class: 'hint', id: 'task-due-zone' });
  const showZone = () =>
    (zoneNote.textContent = otherZone() ? `Times are in ${form.time_zone}.` : '');
  const due = h('input', {
    id: 'task-due',
    type: 'datetime-local',
    value: form.due.local,
    'aria-describedby': 'task-due-zone',
  });
  due.addEventListener('input', () => (form.due.local = due.value));

  const zones = h(
    'datalist',
    { id: 'time-zones' },
    ...Intl.supportedValuesOf('timeZone').map((zone) => h('option', { value: zone })),
  );
  const zone = h('input', {
    id: 'task-time-zone',
    list: 'time-zones',
    required: true,
    autocomplete: 'off',
    value: form.time_zone,
  });
  zone.addEventListener('input', () => {
    const name = zone.value.trim();
    if (!knownZone(name)) {
      // Still being typed: the server refuses it if it is saved so.
      form.time_zone = name;
      return showZone();
    }
    moveToZone(form, name);
    due.value = form.due.local;
    reminders.refresh();
    recurrence.refresh();
    showZone();
  });
  const zoneRow = field('task-time-zone', 'Time zone', zone);
  const otherZoneButton = h(
    'button',
    { type: 'button', class: 'link' },
    'Use another time zone for this task',
  );
  otherZoneButton.addEventListener('click', () => {
    zoneRow.hidden = false;
    otherZoneButton.hidden = true;
    zone.focus();
  });
  zoneRow.hidden = !otherZone();
  otherZoneButton.hidden = otherZone();
  showZone();

  const reminders = reminderFields(form);
  const recurrence = recurrenceFields(form.recurrence);

  const scopeRow = task?.recurrence
    ? field(
        'task-scope',
        'Apply changes to',
        select(
          'task-scope',
          [
            ['series', 'this and later occurrences'],
            ['occurrence', 'this occurrence only'],
          ],
          scope,
          (value) => (scope = value as SeriesScope),
        ),
      )
    : null;

  // ---- saving ----
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, task ? 'Save' : 'Add task');
  const element = h(
    'form',
    { class: 'task-editor' },
    h('h2', { id: 'editor-title' }, task ? 'Edit task' : 'New task'),
    field('task-title', 'Title', title),
    field('task-description', 'Description', description),
    h(
      'div',
      { class: 'row' },
      field('task-priority', 'Priority', priority),
      task ? field('task-status', 'Status', status) : field('task-tags', 'Tags', tags),
    ),
    task ? field('task-tags', 'Tags', tags) : null,
    field('task-due', 'Due', due),
    zoneNote,
    zoneRow,
    h('p', {}, otherZoneButton),
    zones,
    reminders.element,
    recurrence.element,
    scopeRow,
    error,
    h(
      'p',
      {},
      submit,
      ' ',
      task ? h('button', { type: 'button', onclick: () => options.done() }, 'Cancel') : null,
    ),
  );
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(error);
    try {
      if (!task) {
        await api('POST', '/tasks', createBody(form, userTimeZone));
        options.done(`Added “${form.title.trim()}”.`);
        return;
      }
      const patch = taskPatch(task, form);
      if (Object.keys(patch).length === 0) {
        options.done('Nothing changed.');
        return;
      }
      const query = task.recurrence && scope === 'occurrence' ? '?scope=occurrence' : '';
      await api('PATCH', `/tasks/${task.id}${query}`, patch, { ifMatch: task.version });
      options.done('Saved.');
    } catch (failure) {
      const conflict =
        failure instanceof ApiProblem &&
        (failure.code === 'version_conflict' || failure.status === 412);
      if (task && conflict) {
        const reload = h('button', { type: 'button' }, 'Reload the task');
        reload.addEventListener('click', async () => {
          try {
            const fresh = await api<Task>('GET', `/tasks/${task.id}`);
            renderEditor(host, { ...options, task: fresh });
          } catch (reloadFailure) {
            error.textContent = options.problemText(reloadFailure);
          }
        });
        error.append(
          'This task was changed elsewhere since you opened it, so your changes were not saved. ',
          reload,
        );
        return;
      }
      error.textContent = options.problemText(failure);
    }
  });
  clear(host);
  host.append(element);
  if (task) title.focus();
}
