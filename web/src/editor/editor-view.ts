import type { SeriesScope, Task } from '../../../schemas/task.ts';
import { api, ApiProblem } from '../api.ts';
import { clear, h } from '../dom.ts';
import type { Frequency, RecurrenceForm } from './recurrence-form.ts';
import { offsetUnits, type OffsetUnit } from './reminder-offset.ts';
import {
  createBody,
  emptyForm,
  formFromTask,
  moveToZone,
  taskPatch,
  type ReminderRow,
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

const MAX_REMINDERS = 5;
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const monthNames = Array.from({ length: 12 }, (_, month) =>
  new Date(Date.UTC(2000, month, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' }),
);
const everyUnit: Record<Frequency, string> = {
  daily: 'day(s)',
  weekly: 'week(s)',
  monthly: 'month(s)',
  yearly: 'year(s)',
};

const knownZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
};

const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
  h(
    'p',
    {},
    h('label', { for: id }, label),
    control,
    hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null,
  );

function select(
  id: string,
  options: [value: string, label: string][],
  value: string,
  onChange: (value: string) => void,
): HTMLSelectElement {
  const control = h(
    'select',
    { id },
    ...options.map(([optionValue, label]) =>
      h('option', { value: optionValue, selected: optionValue === value }, label),
    ),
  );
  control.addEventListener('change', () => onChange(control.value));
  return control;
}

function numberInput(
  id: string,
  value: number | null,
  limits: { min: number; max: number; required?: boolean },
  onInput: (value: number | null) => void,
): HTMLInputElement {
  const control = h('input', {
    id,
    type: 'number',
    min: limits.min,
    max: limits.max,
    step: 1,
    required: limits.required ?? true,
    value: value ?? '',
  });
  control.addEventListener('input', () =>
    onInput(control.value === '' ? null : control.valueAsNumber),
  );
  return control;
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
    renderReminders();
    renderRule();
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

  // ---- reminders ----
  const reminderList = h('ol', { class: 'reminders' });
  const addRelative = h('button', { type: 'button', class: 'small' }, 'Add reminder before due');
  const addAbsolute = h('button', { type: 'button', class: 'small' }, 'Add reminder at a time');
  function renderReminders(): void {
    clear(reminderList);
    form.reminders.forEach((row, index) => reminderList.append(reminderItem(row, index)));
    addRelative.disabled = addAbsolute.disabled = form.reminders.length >= MAX_REMINDERS;
  }
  function reminderItem(row: ReminderRow, index: number): HTMLElement {
    const n = index + 1;
    const id = `task-reminder-${n}`;
    const remove = h(
      'button',
      { type: 'button', class: 'small danger', 'aria-label': `Remove reminder ${n}` },
      'Remove',
    );
    remove.addEventListener('click', () => {
      form.reminders.splice(index, 1);
      renderReminders();
    });
    if (row.kind === 'at') {
      const at = h('input', { id, type: 'datetime-local', required: true, value: row.local });
      at.addEventListener('input', () => (row.local = at.value));
      return h(
        'li',
        { class: 'reminder' },
        h('label', { for: id }, `Reminder ${n}: at`),
        at,
        remove,
      );
    }
    const amount = numberInput(`${id}-amount`, row.amount, { min: 0, max: 527_040 }, (value) => {
      row.amount = value ?? 0;
    });
    const unit = select(
      `${id}-unit`,
      offsetUnits.map((u) => [u, u]),
      row.unit,
      (value) => (row.unit = value as OffsetUnit),
    );
    const direction = select(
      `${id}-direction`,
      [
        ['before', 'before due'],
        ['after', 'after due'],
      ],
      row.direction,
      (value) => (row.direction = value as 'before' | 'after'),
    );
    return h(
      'li',
      { class: 'reminder' },
      h('label', { for: `${id}-amount` }, `Reminder ${n}: amount`),
      amount,
      h('label', { for: `${id}-unit`, class: 'visually-hidden' }, `Reminder ${n}: unit`),
      unit,
      h(
        'label',
        { for: `${id}-direction`, class: 'visually-hidden' },
        `Reminder ${n}: before or after due`,
      ),
      direction,
      remove,
    );
  }
  addRelative.addEventListener('click', () => {
    form.reminders.push({ kind: 'offset', amount: 30, unit: 'minutes', direction: 'before' });
    renderReminders();
  });
  addAbsolute.addEventListener('click', () => {
    form.reminders.push({ kind: 'at', local: form.due.local, shown: '', source: null });
    renderReminders();
  });
  renderReminders();

  // ---- recurrence ----
  const rule = form.recurrence;
  const ruleHost = h('div', { class: 'rule' });
  const kind = select(
    'task-repeats',
    [
      ['none', 'does not repeat'],
      ['daily', 'daily'],
      ['weekly', 'weekly'],
      ['monthly', 'monthly'],
      ['yearly', 'yearly'],
      ['rrule', 'custom (RRULE)'],
    ],
    rule.kind,
    (value) => {
      rule.kind = value as RecurrenceForm['kind'];
      renderRule();
    },
  );
  function renderRule(): void {
    clear(ruleHost);
    if (rule.kind === 'none') return;
    const controls: HTMLElement[] = [];
    if (rule.kind === 'rrule') {
      const rrule = h('input', {
        id: 'task-rrule',
        required: true,
        placeholder: 'FREQ=MONTHLY;BYDAY=1MO',
        value: rule.rrule,
      });
      rrule.addEventListener('input', () => (rule.rrule = rrule.value));
      controls.push(field('task-rrule', 'RRULE (RFC 5545)', rrule));
    } else {
      const frequency = rule.kind;
      controls.push(
        field(
          'task-interval',
          `Every how many ${everyUnit[frequency]}`,
          numberInput('task-interval', rule.interval, { min: 1, max: 365 }, (value) => {
            rule.interval = value ?? 1;
          }),
        ),
      );
      if (frequency === 'weekly') {
        controls.push(
          h(
            'fieldset',
            { class: 'weekdays' },
            h('legend', {}, 'On (none: the due date’s weekday)'),
            ...weekdayNames.map((name, day) => {
              const id = `task-weekday-${day}`;
              const box = h('input', {
                id,
                type: 'checkbox',
                checked: rule.days_of_week.includes(day),
              });
              box.addEventListener('change', () => {
                rule.days_of_week = box.checked
                  ? [...rule.days_of_week, day]
                  : rule.days_of_week.filter((d) => d !== day);
              });
              return h('span', { class: 'check-label' }, box, h('label', { for: id }, name));
            }),
          ),
        );
      }
      if (frequency === 'yearly') {
        controls.push(
          field(
            'task-month',
            'Month',
            select(
              'task-month',
              [
                ['', 'the due date’s month'],
                ...monthNames.map((name, m): [string, string] => [String(m + 1), name]),
              ],
              rule.month === null ? '' : String(rule.month),
              (value) => (rule.month = value ? Number(value) : null),
            ),
          ),
        );
      }
      if (frequency === 'monthly' || frequency === 'yearly') {
        controls.push(
          field(
            'task-day-of-month',
            'Day of month (empty: the due date’s; 29–31 fall on a shorter month’s last day)',
            numberInput(
              'task-day-of-month',
              rule.day_of_month,
              { min: 1, max: 31, required: false },
              (value) => {
                rule.day_of_month = value;
              },
            ),
          ),
        );
      }
      const endDate = h('input', { id: 'task-end-date', type: 'date', value: rule.end_date });
      endDate.addEventListener('input', () => (rule.end_date = endDate.value));
      const endDateRow = field('task-end-date', 'Last date', endDate);
      const count = numberInput('task-count', rule.count, { min: 1, max: 1000 }, (value) => {
        rule.count = value ?? 1;
      });
      const countRow = field('task-count', 'Number of times', count);
      const showEnd = () => {
        endDateRow.hidden = rule.end !== 'date';
        endDate.required = rule.end === 'date';
        countRow.hidden = rule.end !== 'count';
        count.required = rule.end === 'count';
      };
      controls.push(
        field(
          'task-ends',
          'Ends',
          select(
            'task-ends',
            [
              ['never', 'never'],
              ['date', 'on a date'],
              ['count', 'after a number of times'],
            ],
            rule.end,
            (value) => {
              rule.end = value as RecurrenceForm['end'];
              showEnd();
            },
          ),
        ),
        endDateRow,
        countRow,
      );
      showEnd();
    }
    controls.push(
      h(
        'div',
        { class: 'row' },
        field(
          'task-repeat-from',
          'Next one counts from',
          select(
            'task-repeat-from',
            [
              ['due', 'the due date'],
              ['completion', 'completion'],
            ],
            rule.repeat_from,
            (value) => (rule.repeat_from = value as RecurrenceForm['repeat_from']),
          ),
        ),
        field(
          'task-missed',
          'A missed one',
          select(
            'task-missed',
            [
              ['keep', 'stays open'],
              ['skip', 'is skipped'],
            ],
            rule.missed,
            (value) => (rule.missed = value as RecurrenceForm['missed']),
          ),
        ),
      ),
    );
    ruleHost.append(...controls);
  }
  renderRule();

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
    h(
      'fieldset',
      { class: 'reminders-field' },
      h('legend', {}, 'Reminders'),
      reminderList,
      h('p', {}, addRelative, ' ', addAbsolute),
    ),
    h(
      'fieldset',
      { class: 'repeats-field' },
      h('legend', {}, 'Recurrence'),
      field('task-repeats', 'Repeats', kind),
      ruleHost,
    ),
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
      if (task && failure instanceof ApiProblem && failure.code === 'version_conflict') {
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
