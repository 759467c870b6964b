import { Temporal } from '@js-temporal/polyfill';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRecurrence, structuredToRRule } from '../../../actors/task/recurrence.ts';
import type { StructuredRecurrence } from '../../../schemas/recurrence.ts';
import type { Task } from '../../../schemas/task.ts';
import { taskShapeArbitrary, zones, offsetArbitrary } from '../../../tests/support/task-shapes.ts';
import { structuredFromRRule } from './recurrence-form.ts';
import { offsetParts, offsetText } from './reminder-offset.ts';
import { formFromTask, formValues, moveToZone, taskPatch, type TaskForm } from './task-form.ts';
import { instantFromLocal, localFromInstant } from '../core/zoned-time.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const seed = 20261201;

/** A task as the server stores it from a generated create body. */
const storedTasks = taskShapeArbitrary(NOW).map((shape, index = 0): Task => ({
  id: '00000000-0000-4000-8000-000000000001',
  user_id: 'u1',
  title: `Task ${index}`,
  description: shape.description,
  status: shape.status,
  priority: shape.priority,
  tags: shape.tags,
  due_at: shape.due_at,
  time_zone: shape.time_zone,
  reminders: shape.reminders.map((reminder, n) => ({
    id: `r${n}`,
    offset: 'offset' in reminder ? reminder.offset : null,
    at: 'at' in reminder ? reminder.at : null,
    fire_at: null,
    fired_at: null,
  })),
  recurrence: shape.recurrence
    ? canonicalRecurrence(shape.recurrence as never, shape.due_at!, shape.time_zone)
    : null,
  series_id: null,
  parent_task_id: null,
  occurrence_index: null,
  created_at: '2026-12-01T12:00:00.000Z',
  updated_at: '2026-12-01T12:00:00.000Z',
  completed_at: null,
  version: 3,
}));

const settings = { seed, numRuns: 300 };

describe('the task editor form', () => {
  it('sends nothing for a task opened and saved unchanged, whatever its reminders and recurrence', () => {
    fc.assert(
      fc.property(storedTasks, (task) => {
        expect(taskPatch(task, formFromTask(task))).toEqual({});
      }),
      settings,
    );
  });

  it('shows every reminder and the stored rule: nothing of the task is dropped', () => {
    fc.assert(
      fc.property(storedTasks, (task) => {
        const values = formValues(formFromTask(task));
        expect(values.reminders).toEqual(
          task.reminders.map((r) => (r.offset !== null ? { offset: r.offset } : { at: r.at })),
        );
        expect(values.due_at).toBe(task.due_at);
        if (task.recurrence) {
          expect(values.recurrence).toMatchObject({
            repeat_from: task.recurrence.repeat_from,
            missed: task.recurrence.missed ?? 'keep',
          });
        } else expect(values.recurrence).toBeNull();
      }),
      settings,
    );
  });

  type Edit = {
    field: string;
    edit: (form: TaskForm, task: Task) => void;
    expected: (task: Task) => unknown;
  };
  const edits: Edit[] = [
    { field: 'title', edit: (f) => (f.title = 'Renamed'), expected: () => 'Renamed' },
    {
      field: 'description',
      edit: (f) => (f.description = 'New words'),
      expected: () => 'New words',
    },
    {
      field: 'priority',
      edit: (f) => (f.priority = f.priority === 'low' ? 'urgent' : 'low'),
      expected: (t) => (t.priority === 'low' ? 'urgent' : 'low'),
    },
    {
      field: 'status',
      edit: (f) => (f.status = f.status === 'pending' ? 'in_progress' : 'pending'),
      expected: (t) => (t.status === 'pending' ? 'in_progress' : 'pending'),
    },
    {
      field: 'tags',
      edit: (f) => (f.tags += ', fresh tag'),
      expected: (t) => [...t.tags, 'fresh tag'],
    },
    {
      field: 'due_at',
      edit: (f) => (f.due.local = '2027-03-04T05:06'),
      expected: (t) => instantFromLocal('2027-03-04T05:06', t.time_zone),
    },
    {
      // The due time and absolute reminders keep their instants: only the zone changes.
      field: 'time_zone',
      edit: (f) => moveToZone(f, f.time_zone === 'Asia/Tokyo' ? 'UTC' : 'Asia/Tokyo'),
      expected: (t) => (t.time_zone === 'Asia/Tokyo' ? 'UTC' : 'Asia/Tokyo'),
    },
    {
      field: 'reminders',
      edit: (f) =>
        f.reminders.push({ kind: 'offset', amount: 90, unit: 'minutes', direction: 'before' }),
      expected: (t) => [
        ...t.reminders.map((r) => (r.offset !== null ? { offset: r.offset } : { at: r.at })),
        { offset: '-PT90M' },
      ],
    },
  ];

  for (const { field, edit, expected } of edits) {
    it(`sends only ${field} when only ${field} changed`, () => {
      fc.assert(
        fc.property(storedTasks, (task) => {
          const form = formFromTask(task);
          edit(form, task);
          expect(taskPatch(task, form)).toEqual({ [field]: expected(task) });
        }),
        settings,
      );
    });
  }

  it('sends only the recurrence when only the rule changed, keeping repeat_from and missed', () => {
    fc.assert(
      fc.property(
        storedTasks.filter((task) => task.recurrence !== null),
        (task) => {
          const form = formFromTask(task);
          if (form.recurrence.kind === 'rrule') form.recurrence.rrule = 'FREQ=DAILY;INTERVAL=9';
          else form.recurrence.interval += 1;
          const patch = taskPatch(task, form);
          expect(Object.keys(patch)).toEqual(['recurrence']);
          expect(patch.recurrence).toMatchObject({
            repeat_from: task.recurrence!.repeat_from,
            missed: task.recurrence!.missed ?? 'keep',
          });
        },
      ),
      settings,
    );
  });

  it('reads back every structured rule the server stores as that rule', () => {
    const rules = fc
      .record({
        frequency: fc.constantFrom('daily', 'weekly', 'monthly', 'yearly'),
        interval: fc.integer({ min: 1, max: 365 }),
        days_of_week: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), {
          minLength: 1,
          maxLength: 7,
        }),
        day_of_month: fc.integer({ min: 1, max: 31 }),
        month: fc.integer({ min: 1, max: 12 }),
        ending: fc.oneof(
          fc.constant({}),
          fc.integer({ min: 1, max: 1000 }).map((count) => ({ count })),
          fc.constant({ end_date: '2028-02-29T22:59:59.000Z' }),
        ),
      })
      .map(({ frequency, ending, ...rest }): StructuredRecurrence => ({
        frequency,
        interval: rest.interval,
        ...(frequency === 'weekly' ? { days_of_week: rest.days_of_week } : {}),
        ...(frequency === 'monthly' || frequency === 'yearly'
          ? { day_of_month: rest.day_of_month }
          : {}),
        ...(frequency === 'yearly' ? { month: rest.month } : {}),
        ...ending,
      }));
    fc.assert(
      fc.property(rules, (rule) => {
        const read = structuredFromRRule(structuredToRRule(rule))!;
        expect(read).toBeDefined();
        expect({
          frequency: read.kind,
          interval: read.interval,
          ...(read.days_of_week.length ? { days_of_week: read.days_of_week } : {}),
          ...(read.day_of_month !== null ? { day_of_month: read.day_of_month } : {}),
          ...(read.month !== null ? { month: read.month } : {}),
          ...(read.end === 'count' ? { count: read.count } : {}),
          ...(read.until ? { end_date: read.until } : {}),
        }).toEqual({
          ...rule,
          ...(rule.days_of_week
            ? { days_of_week: [...rule.days_of_week].sort((a, b) => a - b) }
            : {}),
        });
      }),
      settings,
    );
  });

  it('leaves to the RRULE field what the structured editor cannot say', () => {
    for (const rrule of [
      'FREQ=MONTHLY;BYDAY=1MO',
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      'FREQ=WEEKLY;BYDAY=MO;WKST=MO',
      'FREQ=DAILY;BYDAY=MO,TU',
      'FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1',
      'FREQ=MONTHLY;BYMONTHDAY=30',
      'FREQ=YEARLY;BYMONTHDAY=5',
    ])
      expect(structuredFromRRule(rrule), rrule).toBeUndefined();
  });

  it('shows the times nobody edited in a new zone, and reads a typed one there', () => {
    fc.assert(
      fc.property(
        storedTasks.filter((task) => task.due_at !== null),
        fc.constantFrom(...zones),
        (task, zone) => {
          const form = formFromTask(task);
          moveToZone(form, zone);
          expect(form.due.local).toBe(localFromInstant(task.due_at!, zone));
          form.due.local = '2030-06-01T08:00';
          const patch = taskPatch(task, form);
          expect(patch.due_at).toBe(instantFromLocal('2030-06-01T08:00', zone));
        },
      ),
      settings,
    );
  });
});

describe('relative reminders', () => {
  it('show any offset as an amount and unit of the same length', () => {
    fc.assert(
      fc.property(offsetArbitrary, (offset) => {
        const total = (text: string) =>
          Temporal.Duration.from(text).total({ unit: 'seconds', relativeTo: '2000-01-01' });
        expect(total(offsetText(offsetParts(offset)))).toBe(total(offset));
      }),
      settings,
    );
  });
});

describe('wall-clock times of a zone', () => {
  it('read a datetime-local value as Temporal does, and show it back', () => {
    const locals = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2040-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 16));
    fc.assert(
      fc.property(locals, fc.constantFrom(...zones, 'America/Los_Angeles'), (local, zone) => {
        const expected = Temporal.PlainDateTime.from(local)
          .toZonedDateTime(zone, { disambiguation: 'compatible' })
          .toInstant()
          .toString();
        expect(instantFromLocal(local, zone)).toBe(new Date(expected).toISOString());
        const exists =
          Temporal.PlainDateTime.from(local)
            .toZonedDateTime(zone)
            .toPlainDateTime()
            .toString()
            .slice(0, 16) === local;
        if (exists) expect(localFromInstant(instantFromLocal(local, zone), zone)).toBe(local);
      }),
      settings,
    );
  });
});
