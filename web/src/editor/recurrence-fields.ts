import { clear, h } from '../core/dom.ts';
import { field, numberInput, select } from './controls.ts';
import type { Frequency, RecurrenceForm } from './recurrence-form.ts';

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

/**
 * The recurrence: the structured rule's controls for the kind chosen, or the RRULE field for a
 * rule they cannot say. `refresh` shows the form again (after a zone move).
 */
export function recurrenceFields(rule: RecurrenceForm): {
  element: HTMLElement;
  refresh: () => void;
} {
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
  return {
    element: h(
      'fieldset',
      { class: 'repeats-field' },
      h('legend', {}, 'Recurrence'),
      field('task-repeats', 'Repeats', kind),
      ruleHost,
    ),
    refresh: renderRule,
  };
}
