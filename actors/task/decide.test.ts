import { describe, expect, it } from 'vitest';
import { createTaskInputSchema, updateTaskInputSchema, type Task } from '../../schemas/task.ts';
import { apply } from './apply.ts';
import { decide, type Decision, type TaskCommand } from './decide.ts';
import { occurrenceId } from './occurrence-id.ts';
import type { TaskState } from './task-state.ts';

const taskId = '0b6f7a4e-3f0a-4c55-9a8e-2d7a4f1c9e11';
const t0 = '2026-11-26T10:00:00.000Z';
const t1 = '2026-11-26T11:00:00.000Z';

const createCommand = (
  input: Record<string, unknown>,
  { userId = 'u1', timeZone = 'UTC' } = {},
): TaskCommand => ({
  type: 'create',
  taskId,
  userId,
  input: createTaskInputSchema.parse(input),
  timeZone,
});

function create(input: Record<string, unknown>, timeZone = 'Europe/Berlin'): TaskState {
  return run(undefined, decide(undefined, createCommand(input, { timeZone }), { now: t0 }));
}

function run(state: TaskState | undefined, decision: Decision): TaskState {
  if (!decision.ok) throw new Error(`refused: ${decision.error.message}`);
  return decision.events.reduce<TaskState | undefined>((s, e) => apply(s, e), state)!;
}

const update = (patch: Record<string, unknown>, expectedVersion?: number): TaskCommand => ({
  type: 'update',
  userId: 'u1',
  patch: updateTaskInputSchema.parse(patch),
  expectedVersion,
});

const eventsOf = (decision: Decision) =>
  decision.ok ? decision.events.map((e) => e.type) : decision.error.code;

describe('create', () => {
  it('creates a pending task at version 1 with normalized input', () => {
    const { task } = create({ title: '  Buy milk  ', tags: ['home', 'Home', ' errands '] });
    expect(task).toMatchObject({
      id: taskId,
      user_id: 'u1',
      title: 'Buy milk',
      status: 'pending',
      priority: 'medium',
      tags: ['home', 'errands'],
      time_zone: 'Europe/Berlin',
      reminders: [],
      recurrence: null,
      series_id: null,
      created_at: t0,
      updated_at: t0,
      completed_at: null,
      version: 1,
    });
  });

  it('answers a repeated create of the same user with the task unchanged, and refuses another user', () => {
    const state = create({ title: 'x' });
    const again = decide(state, createCommand({ title: 'y' }), { now: t1 });
    expect(again).toEqual({ ok: true, events: [] });
    const otherUser = decide(state, createCommand({ title: 'y' }, { userId: 'u2' }), { now: t1 });
    expect(eventsOf(otherUser)).toBe('task_exists');
  });

  it('turns the seed plan’s reminder_offset into a relative reminder before due', () => {
    const { task } = create({
      title: 'x',
      due_at: '2026-12-01T09:00:00Z',
      reminder_offset: 'PT1H',
    });
    expect(task.reminders).toEqual([
      {
        id: 'offset:-PT1H',
        offset: '-PT1H',
        at: null,
        fire_at: '2026-12-01T08:00:00.000Z',
        fired_at: null,
      },
    ]);
  });

  it('keeps several reminders, relative and absolute, in firing order, without duplicates', () => {
    const { task } = create({
      title: 'x',
      due_at: '2026-12-01T09:00:00Z',
      reminders: [
        { offset: '-P1D' },
        { at: '2026-11-30T20:00:00+01:00' },
        { offset: '-PT30M' },
        { offset: '-P1D' },
      ],
    });
    expect(task.reminders.map((r) => [r.id, r.fire_at])).toEqual([
      ['offset:-P1D', '2026-11-30T09:00:00.000Z'],
      ['at:2026-11-30T19:00:00.000Z', '2026-11-30T19:00:00.000Z'],
      ['offset:-PT30M', '2026-12-01T08:30:00.000Z'],
    ]);
  });

  it('computes a day offset in the task’s zone (a DST day has 23 hours)', () => {
    const { task } = create(
      { title: 'x', due_at: '2026-03-29T10:00:00Z', reminders: [{ offset: '-P1D' }] },
      'Europe/Berlin',
    );
    // 12:00 CEST on 29 March → 12:00 CET on 28 March = 11:00Z.
    expect(task.reminders[0]!.fire_at).toBe('2026-03-28T11:00:00.000Z');
  });

  it('keeps a relative reminder without a due date unscheduled', () => {
    const { task } = create({ title: 'x', reminders: [{ offset: '-PT5M' }] });
    expect(task.reminders[0]!.fire_at).toBeNull();
  });

  it('stores recurrence as a canonical RRULE anchored on due_at and starts a series', () => {
    const { task } = create({
      title: 'x',
      due_at: '2026-11-30T08:00:00Z',
      recurrence: { frequency: 'weekly', days_of_week: [1] },
    });
    expect(task.recurrence).toEqual({
      rrule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
      repeat_from: 'due',
      dtstart: '2026-11-30T08:00:00.000Z',
    });
    expect(task.series_id).toBe(taskId);
    expect(task.occurrence_index).toBe(1);
  });

  it('refuses recurrence without a due date, and an invalid rule, with the field', () => {
    const noDue = decide(
      undefined,
      createCommand({ title: 'x', recurrence: { frequency: 'daily' } }),
      { now: t0 },
    );
    expect(noDue).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: [{ path: 'recurrence' }] },
    });
    const badRule = decide(
      undefined,
      createCommand({
        title: 'x',
        due_at: t0,
        recurrence: { rrule: 'FREQ=SECONDLY' },
      }),
      { now: t0 },
    );
    expect(badRule).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: [{ path: 'recurrence' }] },
    });
  });
  it('refuses a rule that never occurs with recurrence_never_occurs, naming the field', () => {
    const rrule = decide(
      undefined,
      createCommand({
        title: 'x',
        due_at: t0,
        recurrence: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' },
      }),
      { now: t0 },
    );
    expect(rrule).toMatchObject({
      ok: false,
      error: { code: 'recurrence_never_occurs', fields: [{ path: 'recurrence.rrule' }] },
    });
    const structured = decide(
      undefined,
      createCommand({
        title: 'x',
        due_at: t0,
        recurrence: { frequency: 'daily', end_date: '2026-01-01T00:00:00Z' },
      }),
      { now: t0 },
    );
    expect(structured).toMatchObject({
      ok: false,
      error: { code: 'recurrence_never_occurs', fields: [{ path: 'recurrence' }] },
    });
  });
});

describe('ownership and versions', () => {
  it('answers not found to another user, for every command', () => {
    const state = create({ title: 'x' });
    for (const type of ['complete', 'reopen', 'delete'] as const) {
      expect(eventsOf(decide(state, { type, userId: 'intruder' }, { now: t1 }))).toBe(
        'task_not_found',
      );
    }
    const intruderUpdate = { ...update({ title: 'mine' }), userId: 'intruder' } as TaskCommand;
    expect(eventsOf(decide(state, intruderUpdate, { now: t1 }))).toBe('task_not_found');
  });

  it('refuses a command at another version and changes nothing', () => {
    const state = create({ title: 'x' });
    expect(eventsOf(decide(state, update({ title: 'y' }, 7), { now: t1 }))).toBe(
      'version_conflict',
    );
    expect(eventsOf(decide(state, update({ title: 'y' }, 1), { now: t1 }))).toEqual([
      'task.updated',
    ]);
  });

  it('answers not found for a deleted task and refuses to reuse its id', () => {
    const deleted = run(
      create({ title: 'x' }),
      decide(create({ title: 'x' }), { type: 'delete', userId: 'u1' }, { now: t1 }),
    );
    expect(deleted.deleted_at).toBe(t1);
    expect(eventsOf(decide(deleted, { type: 'complete', userId: 'u1' }, { now: t1 }))).toBe(
      'task_not_found',
    );
    const recreate = decide(deleted, createCommand({ title: 'x' }), { now: t1 });
    expect(eventsOf(recreate)).toBe('task_exists');
  });
});

describe('update', () => {
  it('changes only what is given, bumps the version and lists the changed fields', () => {
    const state = create({ title: 'x', priority: 'low' });
    const decision = decide(state, update({ title: 'y', priority: 'low', tags: ['a'] }), {
      now: t1,
    });
    expect(decision).toMatchObject({
      ok: true,
      events: [{ type: 'task.updated', data: { changed: ['tags', 'title'] } }],
    });
    const after = run(state, decision).task;
    expect(after).toMatchObject({
      title: 'y',
      priority: 'low',
      tags: ['a'],
      version: 2,
      updated_at: t1,
      created_at: t0,
    });
  });

  it('emits nothing when nothing changes', () => {
    const state = create({ title: 'x' });
    expect(eventsOf(decide(state, update({ title: 'x' }), { now: t1 }))).toEqual([]);
  });

  it('moves relative reminders with the due date and lets a moved reminder fire again', () => {
    let state = create({
      title: 'x',
      due_at: '2026-12-01T09:00:00Z',
      reminders: [{ offset: '-PT1H' }],
    });
    state = run(
      state,
      decide(
        state,
        { type: 'fire_reminder', reminderId: 'offset:-PT1H', fireAt: '2026-12-01T08:00:00.000Z' },
        { now: t1 },
      ),
    );
    expect(state.task.reminders[0]!.fired_at).toBe(t1);
    state = run(state, decide(state, update({ due_at: '2026-12-02T09:00:00Z' }), { now: t1 }));
    expect(state.task.reminders[0]).toMatchObject({
      fire_at: '2026-12-02T08:00:00.000Z',
      fired_at: null,
    });
  });

  it('moves between pending and in_progress as a plain change', () => {
    const state = create({ title: 'x' });
    expect(decide(state, update({ status: 'in_progress' }), { now: t1 })).toMatchObject({
      ok: true,
      events: [
        { type: 'task.updated', data: { changed: ['status'], task: { status: 'in_progress' } } },
      ],
    });
  });

  it('treats status completed as a completion, after the other changes', () => {
    const state = create({ title: 'x' });
    const decision = decide(state, update({ title: 'y', status: 'completed' }), { now: t1 });
    expect(eventsOf(decision)).toEqual(['task.updated', 'task.completed']);
    expect(run(state, decision).task).toMatchObject({
      title: 'y',
      status: 'completed',
      version: 3,
      completed_at: t1,
    });
  });

  it('sets and removes recurrence; refuses to drop due_at of a recurring task', () => {
    let state = create({ title: 'x', due_at: '2026-12-01T09:00:00Z' });
    state = run(
      state,
      decide(state, update({ recurrence: { rrule: 'FREQ=DAILY;COUNT=3' } }), { now: t1 }),
    );
    expect(state.task.recurrence?.rrule).toBe('FREQ=DAILY;COUNT=3');
    expect(state.task.series_id).toBe(taskId);
    expect(eventsOf(decide(state, update({ due_at: null }), { now: t1 }))).toBe(
      'validation_failed',
    );
    state = run(state, decide(state, update({ recurrence: null }), { now: t1 }));
    expect(state.task.recurrence).toBeNull();
  });

  it('refuses to set a rule that never occurs, with no event', () => {
    const state = create({ title: 'x', due_at: '2026-12-01T09:00:00Z' });
    const decision = decide(
      state,
      update({ title: 'renamed', recurrence: { rrule: 'FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31' } }),
      { now: t1 },
    );
    expect(decision).toMatchObject({
      ok: false,
      error: { code: 'recurrence_never_occurs', fields: [{ path: 'recurrence.rrule' }] },
    });
  });
});

describe('complete and reopen', () => {
  it('completes once; completing again changes nothing', () => {
    const state = run(
      create({ title: 'x' }),
      decide(create({ title: 'x' }), { type: 'complete', userId: 'u1' }, { now: t1 }),
    );
    expect(state.task).toMatchObject({ status: 'completed', completed_at: t1, version: 2 });
    expect(eventsOf(decide(state, { type: 'complete', userId: 'u1' }, { now: t1 }))).toEqual([]);
  });

  it('names the next occurrence of a recurring task with an id derived from series and start', () => {
    const state = create({
      title: 'x',
      due_at: '2026-11-30T08:00:00Z',
      recurrence: { frequency: 'weekly', days_of_week: [1] },
    });
    const decision = decide(state, { type: 'complete', userId: 'u1' }, { now: t1 });
    const next = {
      task_id: occurrenceId(taskId, '2026-12-07T08:00:00.000Z'),
      due_at: '2026-12-07T08:00:00.000Z',
      occurrence_index: 2,
    };
    expect(decision).toMatchObject({
      ok: true,
      events: [{ type: 'task.completed', data: { next } }],
    });
    // A second decision on the same state (a retried or concurrent completion) names the same task.
    expect(
      decide(state, { type: 'complete', userId: 'u1' }, { now: '2026-11-26T12:00:00.000Z' }),
    ).toMatchObject({
      ok: true,
      events: [{ data: { next: { task_id: next.task_id } } }],
    });
  });

  it('ends the series: no next occurrence after the last COUNT', () => {
    let state = create({
      title: 'x',
      due_at: '2026-12-01T09:00:00Z',
      recurrence: { frequency: 'daily', count: 1 },
    });
    const decision = decide(state, { type: 'complete', userId: 'u1' }, { now: t1 });
    expect(decision).toMatchObject({ ok: true, events: [{ data: { next: null } }] });
    state = run(state, decision);
    expect(state.task.status).toBe('completed');
  });

  it('reopens a completed task; reopening an open one changes nothing', () => {
    const completed = run(
      create({ title: 'x' }),
      decide(create({ title: 'x' }), { type: 'complete', userId: 'u1' }, { now: t1 }),
    );
    const reopened = run(
      completed,
      decide(completed, { type: 'reopen', userId: 'u1' }, { now: t1 }),
    );
    expect(reopened.task).toMatchObject({ status: 'pending', completed_at: null, version: 3 });
    expect(eventsOf(decide(reopened, { type: 'reopen', userId: 'u1' }, { now: t1 }))).toEqual([]);
  });
});

describe('next occurrence', () => {
  const parent: Task = create({
    title: 'Standup',
    due_at: '2026-11-30T08:00:00Z',
    reminders: [{ offset: '-PT15M' }, { at: '2026-11-29T20:00:00Z' }],
    recurrence: { frequency: 'weekly', days_of_week: [1] },
    tags: ['work'],
  }).task;
  const command = (id: string): TaskCommand => ({
    type: 'create_occurrence',
    taskId: id,
    parent,
    dueAt: '2026-12-07T08:00:00.000Z',
    occurrenceIndex: 2,
  });

  it('copies the task, links it to the series and carries reminders relative to the new due date', () => {
    const id = occurrenceId(taskId, '2026-12-07T08:00:00.000Z');
    const { task } = run(undefined, decide(undefined, command(id), { now: t1 }));
    expect(task).toMatchObject({
      id,
      title: 'Standup',
      tags: ['work'],
      status: 'pending',
      due_at: '2026-12-07T08:00:00.000Z',
      series_id: taskId,
      parent_task_id: taskId,
      occurrence_index: 2,
      version: 1,
      recurrence: parent.recurrence,
    });
    expect(task.reminders.map((r) => r.fire_at)).toEqual([
      '2026-12-06T20:00:00.000Z',
      '2026-12-07T07:45:00.000Z',
    ]);
    expect(task.reminders.every((r) => r.fired_at === null)).toBe(true);
  });

  it('is idempotent: creating an existing occurrence emits nothing', () => {
    const id = occurrenceId(taskId, '2026-12-07T08:00:00.000Z');
    const state = run(undefined, decide(undefined, command(id), { now: t1 }));
    expect(eventsOf(decide(state, command(id), { now: t1 }))).toEqual([]);
  });
});

describe('reminders firing', () => {
  const due = '2026-12-01T09:00:00Z';
  const fire = {
    type: 'fire_reminder',
    reminderId: 'offset:-PT1H',
    fireAt: '2026-12-01T08:00:00.000Z',
  } as const;

  it('fires once and records it', () => {
    const state = create({ title: 'x', due_at: due, reminders: [{ offset: '-PT1H' }] });
    const decision = decide(state, fire, { now: t1 });
    expect(eventsOf(decision)).toEqual(['reminder.due']);
    const after = run(state, decision);
    expect(after.task.reminders[0]!.fired_at).toBe(t1);
    expect(after.task.version).toBe(1);
    expect(eventsOf(decide(after, fire, { now: t1 }))).toEqual([]);
  });

  it('sends nothing for a completed or deleted task, or a reminder that moved', () => {
    const state = create({ title: 'x', due_at: due, reminders: [{ offset: '-PT1H' }] });
    const completed = run(state, decide(state, { type: 'complete', userId: 'u1' }, { now: t1 }));
    expect(eventsOf(decide(completed, fire, { now: t1 }))).toEqual([]);
    const deleted = run(state, decide(state, { type: 'delete', userId: 'u1' }, { now: t1 }));
    expect(eventsOf(decide(deleted, fire, { now: t1 }))).toEqual([]);
    expect(
      eventsOf(decide(state, { ...fire, fireAt: '2026-11-30T08:00:00.000Z' }, { now: t1 })),
    ).toEqual([]);
    expect(eventsOf(decide(undefined, fire, { now: t1 }))).toEqual([]);
  });
});
