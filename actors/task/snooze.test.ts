import { describe, expect, it } from 'vitest';
import { createTaskInputSchema, updateTaskInputSchema } from '../../schemas/task.ts';
import { apply } from './apply.ts';
import { decide, type Decision, type TaskCommand } from './decide.ts';
import { desiredRegistrations, registrationName } from './reminders.ts';
import { snoozeInstant } from './snooze.ts';
import type { TaskState } from './task-state.ts';

const taskId = '0b6f7a4e-3f0a-4c55-9a8e-2d7a4f1c9e11';
const due = '2026-12-01T09:00:00Z';
const fireAt = '2026-12-01T08:00:00.000Z';
const firedAt = '2026-12-01T08:00:01.000Z';
const reminderId = 'offset:-PT1H';

function run(state: TaskState | undefined, decision: Decision): TaskState {
  if (!decision.ok) throw new Error(`refused: ${decision.error.code}`);
  return decision.events.reduce<TaskState | undefined>((s, e) => apply(s, e), state)!;
}

const eventsOf = (decision: Decision) =>
  decision.ok ? decision.events.map((e) => e.type) : decision.error.code;

function created(timeZone = 'Europe/Berlin'): TaskState {
  const command: TaskCommand = {
    type: 'create',
    taskId,
    userId: 'u1',
    input: createTaskInputSchema.parse({
      title: 'x',
      due_at: due,
      reminders: [{ offset: '-PT1H' }],
    }),
    timeZone,
  };
  return run(undefined, decide(undefined, command, { now: '2026-11-30T10:00:00.000Z' }));
}

const fire = (at: string): TaskCommand => ({ type: 'fire_reminder', reminderId, fireAt: at });
const snooze = (
  input: { for: string } | { until: string },
  extra: { firing?: string; userId?: string; reminderId?: string } = {},
): TaskCommand => ({
  type: 'snooze_reminder',
  userId: extra.userId ?? 'u1',
  reminderId: extra.reminderId ?? reminderId,
  snooze: input,
  firing: extra.firing,
});

/** A task whose reminder fired at `firedAt`. */
const firedOnce = () => run(created(), decide(created(), fire(fireAt), { now: firedAt }));

describe('snoozing a fired reminder', () => {
  it('fires it once more at the snoozed instant, as a new reminder.due', () => {
    const state = firedOnce();
    const now = '2026-12-01T08:05:00.000Z';
    const decision = decide(state, snooze({ for: 'PT10M' }), { now });
    expect(eventsOf(decision)).toEqual(['reminder.snoozed']);
    const snoozed = run(state, decision);
    expect(snoozed.task.reminders[0]).toMatchObject({
      fired_at: firedAt,
      snoozed_until: '2026-12-01T08:15:00.000Z',
    });
    // Not a version of the task, like a firing: If-Match of a client stays valid.
    expect(snoozed.task.version).toBe(state.task.version);
    expect(desiredRegistrations(snoozed.task, false)).toEqual([
      {
        kind: 'due',
        name: registrationName(reminderId),
        reminderId,
        fireAt: '2026-12-01T08:15:00.000Z',
      },
    ]);

    // The original registration, delivered late, sends nothing.
    expect(eventsOf(decide(snoozed, fire(fireAt), { now }))).toEqual([]);
    const second = decide(snoozed, fire('2026-12-01T08:15:00.000Z'), {
      now: '2026-12-01T08:15:00.200Z',
    });
    expect(eventsOf(second)).toEqual(['reminder.due']);
    const after = run(snoozed, second);
    expect(after.task.reminders[0]!.fired_at).toBe('2026-12-01T08:15:00.200Z');
    expect(after.task.reminders[0]).not.toHaveProperty('snoozed_until');
    // A repeated or duplicated delivery of the snoozed firing finds the snooze spent.
    expect(
      eventsOf(
        decide(after, fire('2026-12-01T08:15:00.000Z'), { now: '2026-12-01T08:15:10.000Z' }),
      ),
    ).toEqual([]);
    expect(desiredRegistrations(after.task, false)).toEqual([]);
  });

  it('replaces an earlier snooze; the same instant again changes nothing', () => {
    const state = firedOnce();
    const now = '2026-12-01T08:05:00.000Z';
    const first = run(state, decide(state, snooze({ until: '2026-12-01T10:00:00.000Z' }), { now }));
    expect(eventsOf(decide(first, snooze({ until: '2026-12-01T10:00:00.000Z' }), { now }))).toEqual(
      [],
    );
    const second = run(first, decide(first, snooze({ for: 'PT1H' }), { now }));
    expect(second.task.reminders[0]!.snoozed_until).toBe('2026-12-01T09:05:00.000Z');
    expect(eventsOf(decide(second, fire('2026-12-01T10:00:00.000Z'), { now }))).toEqual([]);
    expect(eventsOf(decide(second, fire('2026-12-01T09:05:00.000Z'), { now }))).toEqual([
      'reminder.due',
    ]);
  });
});

describe('snoozing a reminder that has not fired yet', () => {
  it('moves it: it fires at the snoozed instant and not at its own', () => {
    const state = created();
    const now = '2026-12-01T07:00:00.000Z';
    const snoozed = run(state, decide(state, snooze({ for: 'PT2H' }), { now }));
    expect(eventsOf(decide(snoozed, fire(fireAt), { now: fireAt }))).toEqual([]);
    const after = run(
      snoozed,
      decide(snoozed, fire('2026-12-01T09:00:00.000Z'), { now: '2026-12-01T09:00:00.000Z' }),
    );
    expect(after.task.reminders[0]!.fired_at).toBe('2026-12-01T09:00:00.000Z');
    expect(desiredRegistrations(after.task, false)).toEqual([]);
  });
});

describe('what refuses a snooze', () => {
  const now = '2026-12-01T08:05:00.000Z';

  it('completed and deleted tasks, with their own codes', () => {
    const state = firedOnce();
    const completed = run(state, decide(state, { type: 'complete', userId: 'u1' }, { now }));
    expect(eventsOf(decide(completed, snooze({ for: 'PT10M' }), { now }))).toBe('task_completed');
    const deleted = run(state, decide(state, { type: 'delete', userId: 'u1' }, { now }));
    expect(eventsOf(decide(deleted, snooze({ for: 'PT10M' }), { now }))).toBe('task_deleted');
  });

  it('another user’s or an unknown task, and an unknown reminder', () => {
    const state = firedOnce();
    expect(eventsOf(decide(state, snooze({ for: 'PT10M' }, { userId: 'u2' }), { now }))).toBe(
      'task_not_found',
    );
    expect(eventsOf(decide(undefined, snooze({ for: 'PT10M' }), { now }))).toBe('task_not_found');
    expect(
      eventsOf(decide(state, snooze({ for: 'PT10M' }, { reminderId: 'offset:-PT2H' }), { now })),
    ).toBe('reminder_not_found');
  });

  it('a link of an earlier firing once the reminder fired again or was moved', () => {
    const state = firedOnce();
    // The mail's own firing may snooze, and snooze again.
    const once = run(state, decide(state, snooze({ for: 'PT10M' }, { firing: firedAt }), { now }));
    const twice = run(once, decide(once, snooze({ for: 'PT1H' }, { firing: firedAt }), { now }));
    const refired = run(
      twice,
      decide(twice, fire('2026-12-01T09:05:00.000Z'), { now: '2026-12-01T09:05:00.000Z' }),
    );
    expect(
      eventsOf(
        decide(refired, snooze({ for: 'PT10M' }, { firing: firedAt }), {
          now: '2026-12-01T09:06:00.000Z',
        }),
      ),
    ).toBe('snooze_link_superseded');
    // A never-fired reminder has no firing a link could name.
    expect(
      eventsOf(decide(created(), snooze({ for: 'PT10M' }, { firing: firedAt }), { now })),
    ).toBe('snooze_link_superseded');
  });

  it('an instant in the past or more than 30 days ahead, naming the field', () => {
    const state = firedOnce();
    const past = decide(state, snooze({ until: '2026-12-01T08:04:59.000Z' }), { now });
    expect(past).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: [{ path: 'until' }] },
    });
    expect(decide(state, snooze({ for: 'P31D' }), { now })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: [{ path: 'for' }] },
    });
    expect(eventsOf(decide(state, snooze({ for: 'P30D' }), { now }))).toEqual(['reminder.snoozed']);
  });
});

describe('edits and a snooze', () => {
  const now = '2026-12-01T08:05:00.000Z';
  const update = (patch: Record<string, unknown>): TaskCommand => ({
    type: 'update',
    userId: 'u1',
    patch: updateTaskInputSchema.parse(patch),
  });

  it('an edit that keeps the reminder’s instant keeps the snooze; moving it drops the snooze', () => {
    const state = firedOnce();
    const snoozed = run(state, decide(state, snooze({ for: 'PT10M' }), { now }));
    const same = run(
      snoozed,
      decide(snoozed, update({ title: 'y', reminders: [{ offset: '-PT1H' }] }), { now }),
    );
    expect(same.task.reminders[0]!.snoozed_until).toBe('2026-12-01T08:15:00.000Z');
    const moved = run(
      snoozed,
      decide(snoozed, update({ due_at: '2026-12-02T09:00:00Z' }), { now }),
    );
    expect(moved.task.reminders[0]).not.toHaveProperty('snoozed_until');
    expect(moved.task.reminders[0]!.fired_at).toBeNull();
  });

  it('completing drops the registration; reopening brings the snooze back', () => {
    const state = firedOnce();
    const snoozed = run(state, decide(state, snooze({ for: 'PT10M' }), { now }));
    const completed = run(snoozed, decide(snoozed, { type: 'complete', userId: 'u1' }, { now }));
    expect(desiredRegistrations(completed.task, false)).toEqual([]);
    expect(eventsOf(decide(completed, fire('2026-12-01T08:15:00.000Z'), { now }))).toEqual([]);
    const reopened = run(completed, decide(completed, { type: 'reopen', userId: 'u1' }, { now }));
    expect(desiredRegistrations(reopened.task, false)).toHaveLength(1);
  });
});

describe('snoozeInstant', () => {
  it('adds days in the task’s zone: the same wall-clock time across a DST change', () => {
    // Europe/Berlin leaves summer time on 2026-10-25: one day later is 25 hours later.
    expect(snoozeInstant({ for: 'P1D' }, '2026-10-24T07:00:00.000Z', 'Europe/Berlin')).toEqual({
      ok: true,
      until: '2026-10-25T08:00:00.000Z',
    });
  });
});
