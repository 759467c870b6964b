import { clear, h } from '../core/dom.ts';
import { numberInput, select } from './controls.ts';
import { offsetUnits, type OffsetUnit } from './reminder-offset.ts';
import type { ReminderRow, TaskForm } from './task-form.ts';

const MAX_REMINDERS = 5;

/**
 * The task's reminders: a row each, relative (an amount and unit before or after due) or at a
 * wall-clock time of the task's zone. `refresh` shows the form's rows again (after a zone move).
 */
export function reminderFields(form: TaskForm): { element: HTMLElement; refresh: () => void } {
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
  return {
    element: h(
      'fieldset',
      { class: 'reminders-field' },
      h('legend', {}, 'Reminders'),
      reminderList,
      h('p', {}, addRelative, ' ', addAbsolute),
    ),
    refresh: renderReminders,
  };
}
