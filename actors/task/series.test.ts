import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../schemas/events.ts';
import { createTaskInputSchema, updateTaskInputSchema } from '../../schemas/task.ts';
import { apply } from './apply.ts';
import { decide, type Decision, type TaskCommand } from './decide.ts';
import { occurrenceId } from './occurrence-id.ts';
import { SERIES_ADVANCE, seriesRegistrations, upcomingOccurrences } from './series.ts';
import { effectsOf } from './task-effects.ts';
import type { TaskState } from './task-state.ts';

const taskId = '6a1d3f52-8c1e-4b7a-9d0e-0c2f4b6a8e10';
const due = '2026-12-01T07:00:00.000Z';
const tomorrow = '2026-12-02T07:00:00.000Z';
const before = '2026-12-01T06:00:00.000Z';
const atDue = '2026-12-01T07:00:00.400Z';
const later = '2026-12-01T09:00:00.000Z';
const nextId = occurrenceId(taskId, tomorrow);

function run(state: TaskState | undefined, decision: Decision): TaskState {
  if (!decision.ok) throw new Error(`refused: ${decision.error.message}`);
  return decision.events.reduce<TaskState | undefined>((s, e) => apply(s, e), state)!;
}

/** A daily "water the plants" at 08:00 Berlin, first due `due`. */
function daily(recurrence: Record<string, unknown> = {}): TaskState {
  const command: TaskCommand = {
    type: 'create',
    taskId,
    userId: 'u1',
    input: createTaskInputSchema.parse({
      title: 'Water the plants',
      due_at: due,
      reminders: [{ offset: '-PT10M' }],
      recurrence: { frequency: 'daily', ...recurrence },
    }),
    timeZone: 'Europe/Berlin',
  };
  return run(undefined, decide(undefined, command, { now: before }));
}

/** A task that does not recur. */
const plainTask = (): TaskState =>
  run(
    undefined,
    decide(
      undefined,
      {
        type: 'create',
        taskId,
        userId: 'u1',
        input: createTaskInputSchema.parse({ title: 'once' }),
        timeZone: 'UTC',
      },
      { now: before },
    ),
  );

const advance = (fireAt = due): TaskCommand => ({ type: 'advance_series', fireAt });
const complete: TaskCommand = { type: 'complete', userId: 'u1' };
const skip: TaskCommand = { type: 'skip', userId: 'u1' };

function step(state: TaskState, command: TaskCommand, now: string) {
  const decision = decide(state, command, { now });
  return { decision, state: run(state, decision) };
}

const types = (decision: Decision) =>
  decision.ok ? decision.events.map((event) => event.type) : decision.error.code;

/** The create_occurrence and series_call effects of a decision's events, in order. */
function effects(state: TaskState, decision: Decision) {
  if (!decision.ok) return [];
  let current = state;
  return decision.events.flatMap((event) => {
    const previous = current;
    current = apply(current, event);
    return effectsOf(event, { correlation_id: 'c1' } as EventEnvelope, previous).filter(
      (effect) => effect.kind !== 'publish',
    );
  });
}

describe('the series reminder', () => {
  it('is wanted at the due instant of an open repeat_from: due occurrence', () => {
    expect(seriesRegistrations(daily())).toEqual([
      { kind: 'series', name: SERIES_ADVANCE, reminderId: SERIES_ADVANCE, fireAt: due },
    ]);
  });

  it('is not wanted for repeat_from: completion, nor once completed or deleted', () => {
    expect(seriesRegistrations(daily({ repeat_from: 'completion' }))).toEqual([]);
    expect(seriesRegistrations(step(daily(), complete, before).state)).toEqual([]);
    const deleted = step(daily(), { type: 'delete', userId: 'u1' }, before).state;
    expect(seriesRegistrations(deleted)).toEqual([]);
  });

  it('moves with the due date', () => {
    const moved = step(daily(), { type: 'update', userId: 'u1', patch: { due_at: later } }, before);
    expect(seriesRegistrations(moved.state)[0]?.fireAt).toBe(later);
  });
});

describe('reaching the due time', () => {
  it('hands the series on to the occurrence a completion would create, and stays open (keep)', () => {
    const { decision, state } = step(daily(), advance(), atDue);
    expect(types(decision)).toEqual(['task.series_advanced']);
    expect(state.task.status).toBe('pending');
    expect(state.advanced_to).toEqual({ task_id: nextId, due_at: tomorrow, occurrence_index: 2 });
    expect(effects(daily(), decision)).toMatchObject([
      { kind: 'create_occurrence', taskId: nextId, dueAt: tomorrow, occurrenceIndex: 2 },
    ]);
    // Once handed on, the reminder is no longer wanted and a re-fire does nothing.
    expect(seriesRegistrations(state)).toEqual([]);
    expect(types(step(state, advance(), later).decision)).toEqual([]);
  });

  it('closes the occurrence as skipped when the series says missed: skip', () => {
    const { decision, state } = step(daily({ missed: 'skip' }), advance(), atDue);
    expect(types(decision)).toEqual(['task.skipped']);
    expect(decision.ok && decision.events[0]).toMatchObject({
      data: { reason: 'missed', next: { task_id: nextId } },
    });
    expect(state.task.status).toBe('skipped');
    expect(seriesRegistrations(state)).toEqual([]);
  });

  it('does nothing for a stale reminder, or one that fires early', () => {
    expect(types(step(daily(), advance(later), atDue).decision)).toEqual([]);
    expect(types(step(daily(), advance(), before).decision)).toEqual([]);
  });

  it('resumes a series that fell behind at its next occurrence still to come', () => {
    const { state } = step(daily(), advance(), '2026-12-05T10:00:00.000Z');
    expect(state.advanced_to?.due_at).toBe('2026-12-06T07:00:00.000Z');
  });
});

describe('completion and due time name the same next occurrence, in either order', () => {
  it('completion first: the reminder then does nothing', () => {
    const completed = step(daily(), complete, atDue);
    expect(completed.decision.ok && completed.decision.events[0]).toMatchObject({
      data: { next: { task_id: nextId } },
    });
    expect(types(step(completed.state, advance(), atDue).decision)).toEqual([]);
  });

  it('reminder first: the completion names the recorded next occurrence', () => {
    const advanced = step(daily(), advance(), atDue).state;
    const completed = step(advanced, complete, '2026-12-01T07:00:00.500Z');
    expect(completed.decision.ok && completed.decision.events[0]).toMatchObject({
      data: { next: { task_id: nextId, due_at: tomorrow } },
    });
  });

  it('a completion days late, after the reminder, still names the one next occurrence', () => {
    const advanced = step(daily(), advance(), '2026-12-05T10:00:00.000Z').state;
    const completed = step(advanced, complete, '2026-12-06T10:00:00.000Z');
    expect(completed.decision.ok && completed.decision.events[0]).toMatchObject({
      data: { next: advanced.advanced_to },
    });
  });
});

describe('skip', () => {
  it('closes the occurrence as skipped and advances the series; twice is harmless', () => {
    const { decision, state } = step(daily(), skip, before);
    expect(types(decision)).toEqual(['task.skipped']);
    expect(decision.ok && decision.events[0]).toMatchObject({
      data: { reason: 'requested', next: { task_id: nextId } },
    });
    expect(state.task.status).toBe('skipped');
    expect(types(step(state, skip, later).decision)).toEqual([]);
  });

  it('is refused for a task that does not recur, and for a completed one', () => {
    const plain = plainTask();
    expect(types(decide(plain, skip, { now: before }))).toBe('task_not_recurring');
    const completed = step(daily(), complete, before).state;
    expect(types(decide(completed, skip, { now: before }))).toBe('task_not_open');
  });

  it('a skipped occurrence can be reopened, and completed later without forking the series', () => {
    const skipped = step(daily(), skip, before).state;
    const reopened = step(skipped, { type: 'reopen', userId: 'u1' }, later);
    expect(reopened.state.task.status).toBe('pending');
    const completed = step(reopened.state, complete, later);
    expect(completed.decision.ok && completed.decision.events[0]).toMatchObject({
      data: { next: { task_id: nextId } },
    });
  });
});

describe('delete with a scope', () => {
  const remove = (scope?: 'occurrence' | 'series'): TaskCommand => ({
    type: 'delete',
    userId: 'u1',
    scope,
  });

  it('occurrence (the default): the series goes on, its next occurrence is created now', () => {
    const { decision } = step(daily(), remove(), before);
    expect(decision.ok && decision.events[0]).toMatchObject({
      type: 'task.deleted',
      data: { scope: 'occurrence', next: { task_id: nextId } },
    });
    expect(effects(daily(), decision)).toMatchObject([
      { kind: 'create_occurrence', taskId: nextId },
    ]);
  });

  it('occurrence, once the series has moved on: nothing more is created', () => {
    const advanced = step(daily(), advance(), atDue).state;
    const { decision } = step(advanced, remove('occurrence'), later);
    expect(decision.ok && decision.events[0]).toMatchObject({ data: { next: null } });
    expect(effects(advanced, decision)).toEqual([]);
  });

  it('series: no next occurrence, and the one already created is deleted with it', () => {
    const fresh = step(daily(), remove('series'), before);
    expect(fresh.decision.ok && fresh.decision.events[0]).toMatchObject({
      data: { scope: 'series' },
    });
    expect(effects(daily(), fresh.decision)).toEqual([]);

    const advanced = step(daily(), advance(), atDue).state;
    const { decision } = step(advanced, remove('series'), later);
    expect(effects(advanced, decision)).toMatchObject([
      { kind: 'series_call', taskId: nextId, userId: 'u1', call: { method: 'delete' } },
    ]);
  });

  it('a task that does not recur is deleted as before, without a scope', () => {
    const plain = plainTask();
    const { decision } = step(plain, remove('series'), before);
    expect(decision.ok && decision.events[0]?.data).not.toHaveProperty('scope');
  });
});

describe('edit with a scope', () => {
  const edit = (patch: Record<string, unknown>, scope?: 'occurrence' | 'series'): TaskCommand => ({
    type: 'update',
    userId: 'u1',
    patch: updateTaskInputSchema.parse(patch),
    scope,
  });

  it('occurrence: the series first moves on unchanged, then the edit applies here only', () => {
    const { decision, state } = step(
      daily(),
      edit({ title: 'Water the cactus' }, 'occurrence'),
      before,
    );
    expect(types(decision)).toEqual(['task.series_advanced', 'task.updated']);
    expect(decision.ok && decision.events[1]).toMatchObject({ data: { scope: 'occurrence' } });
    const [created] = effects(daily(), decision);
    expect(created).toMatchObject({
      kind: 'create_occurrence',
      taskId: nextId,
      parent: { title: 'Water the plants' },
    });
    expect(state.task).toMatchObject({ title: 'Water the cactus', version: 3 });
  });

  it('occurrence: refuses a change of the rule, which belongs to the series', () => {
    const decision = decide(daily(), edit({ recurrence: { frequency: 'weekly' } }, 'occurrence'), {
      now: before,
    });
    expect(decision.ok ? 'accepted' : decision.error.fields?.[0]?.path).toBe('recurrence');
  });

  it('series (the default): the next occurrence copies the edit when it is created', () => {
    const { decision, state } = step(daily(), edit({ title: 'Water the cactus' }), before);
    expect(types(decision)).toEqual(['task.updated']);
    expect(decision.ok && decision.events[0]).toMatchObject({ data: { scope: 'series' } });
    const completed = step(state, complete, later);
    expect(effects(state, completed.decision)).toMatchObject([
      { kind: 'create_occurrence', parent: { title: 'Water the cactus' } },
    ]);
  });

  it('series: an edit carries on to the occurrence already created, without its due date', () => {
    const advanced = step(daily(), advance(), atDue).state;
    const { decision } = step(
      advanced,
      edit({ title: 'Water the cactus', due_at: later, priority: 'high' }),
      later,
    );
    const carried = effects(advanced, decision);
    expect(carried).toMatchObject([
      {
        kind: 'series_call',
        taskId: nextId,
        userId: 'u1',
        correlationId: 'c1',
        call: { method: 'update', patch: { title: 'Water the cactus', priority: 'high' } },
      },
    ]);
    const [call] = carried;
    const patch = call?.kind === 'series_call' && call.call.method === 'update' && call.call.patch;
    expect(patch).not.toHaveProperty('due_at');
    expect(patch).not.toHaveProperty('status');
  });
});

describe('the next occurrences', () => {
  it('follow the rule from this occurrence, on the wall clock across a DST change', () => {
    const { task } = daily({ frequency: 'weekly', count: 4 });
    // 08:00 Berlin each Tuesday; the series' COUNT=4 leaves three after the first.
    expect(upcomingOccurrences(task, 10, before)).toEqual([
      '2026-12-08T07:00:00.000Z',
      '2026-12-15T07:00:00.000Z',
      '2026-12-22T07:00:00.000Z',
    ]);
    const weekly = daily({ frequency: 'weekly' }).task;
    const spring = { ...weekly, due_at: '2027-03-23T07:00:00.000Z' };
    expect(upcomingOccurrences(spring, 1, before)).toEqual(['2027-03-30T06:00:00.000Z']);
  });

  it('stop at the count asked for, and are none for a one-off task', () => {
    const { task } = daily();
    expect(upcomingOccurrences(task, 2, before)).toEqual([tomorrow, '2026-12-03T07:00:00.000Z']);
    expect(upcomingOccurrences({ ...task, recurrence: null }, 5, before)).toEqual([]);
  });

  it('resume from now for a series behind schedule', () => {
    const { task } = daily();
    expect(upcomingOccurrences(task, 1, '2026-12-05T12:00:00.000Z')).toEqual([
      '2026-12-06T07:00:00.000Z',
    ]);
  });

  it('are projected from the due dates for a series that repeats from completion', () => {
    const { task } = daily({ interval: 2, repeat_from: 'completion' });
    expect(upcomingOccurrences(task, 2, before)).toEqual([
      '2026-12-03T07:00:00.000Z',
      '2026-12-05T07:00:00.000Z',
    ]);
  });
});
