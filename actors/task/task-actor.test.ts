import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import type { EventEnvelope, Topic } from '../../schemas/events.ts';
import { registrationName, SERIES_ADVANCE_REMINDER } from '../../schemas/reminder.ts';
import {
  TASK_ACTOR_TYPE,
  taskActorResultSchema,
  taskInspectionResultSchema,
  type TaskActorCall,
  type TaskActorMethod,
} from '../../schemas/task-actor.ts';
import { USER_ACTOR_TYPE } from '../../schemas/user.ts';
import type { Effect } from '../effects.ts';
import { InMemoryRuntime } from '../testing/in-memory-runtime.ts';
import { defaultProfile } from '../user/profile.ts';
import { createUserActor } from '../user/user-actor.ts';
import { ZoneLeases } from '../user/zone-lease.ts';
import { occurrenceId } from './occurrence-id.ts';
import { createTaskActor } from './task-actor.ts';
import type { TaskState } from './task-state.ts';

// Later than the machine's clock, so a turn that took the time from Date.now() instead of
// deps.now would schedule differently.
const T0 = '2030-06-03T09:00:00.000Z';
const DUE = '2030-06-03T12:00:00.000Z';
const NEXT_DUE = '2030-06-04T12:00:00.000Z';
const TASK = '0b6f7a4e-3f0a-4c55-9a8e-2d7a4f1c9e11';
const OTHER_TASK = '5d2c8e1a-7b4f-4a9d-8c3e-1f6a2b9d7e40';
const USER = 'u1';
const caller = { user_id: USER, correlation_id: 'test-call' };
const taskEvents: Topic = 'task-events';

const logger = createLogger('test', 'error');
logger.silent = true;

/** A TaskActor host in memory: the actors, their runtime, the clock they read. */
function setup({ users = true } = {}) {
  const runtime = new InMemoryRuntime();
  const clock = { now: Date.parse(T0) };
  const monotonic = { ms: 0 };
  const now = () => new Date(clock.now);
  const host = { instance: 'test-host', app_id: 'todo-actors' };
  runtime.host(
    createTaskActor({
      runtime,
      logger,
      host,
      zones: new ZoneLeases(() => monotonic.ms),
      now,
    }),
  );
  if (users) runtime.host(createUserActor({ runtime, logger, host, now }));

  /** A call as the sidecar delivers it from the gateway. */
  const call = async <M extends TaskActorMethod>(method: M, body: TaskActorCall<M>, id = TASK) =>
    taskActorResultSchema.parse(await runtime.call(TASK_ACTOR_TYPE, id, method, body));

  return {
    runtime,
    monotonic,
    setTime: (iso: string) => void (clock.now = Date.parse(iso)),
    call,
    create: (input: TaskActorCall<'create'>['input'], id = TASK) =>
      call('create', { caller, input }, id),
    update: (patch: TaskActorCall<'update'>['patch'], expected_version?: number, id = TASK) =>
      call('update', { caller, patch, expected_version }, id),
    events: (topic: Topic = taskEvents) =>
      runtime.published(topic).map(({ event }) => event as EventEnvelope),
    state: (id = TASK) => runtime.stored<TaskState>(TASK_ACTOR_TYPE, id, 'task'),
    effects: (id = TASK) => runtime.stored<Effect[]>(TASK_ACTOR_TYPE, id, 'effects'),
    reminders: (id = TASK) => runtime.registeredReminders(TASK_ACTOR_TYPE, id),
    saves: (id = TASK) => runtime.savesOf(TASK_ACTOR_TYPE, id),
    fire: (name: string, id = TASK) => runtime.fireReminder(TASK_ACTOR_TYPE, id, name),
  };
}

const versions = (events: EventEnvelope[]) => events.map((event) => event.version);
const dueName = (reminderId: string) => registrationName(reminderId);

describe('TaskActor execute', () => {
  it('creates: saves the task at version 1, publishes task.created once keyed by the task id, clears its effects', async () => {
    const { create, state, effects, runtime, events } = setup();

    const result = await create({ title: 'Buy milk', time_zone: 'UTC' });

    expect(result).toMatchObject({ ok: true, task: { id: TASK, version: 1, title: 'Buy milk' } });
    expect(state()).toMatchObject({ task: { id: TASK, version: 1 }, deleted_at: null });
    expect(effects()).toEqual([]);
    const published = runtime.published(taskEvents);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      partitionKey: TASK,
      event: { event_type: 'task.created', task_id: TASK, user_id: USER, version: 1 },
    });
    expect(events('reminders')).toEqual([]);
  });

  it('refuses an update at a stale version: nothing saved, nothing published', async () => {
    const { create, update, state, saves, events } = setup();
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    await update({ title: 'Buy oat milk' }, 1);
    const savesBefore = saves();

    const result = await update({ title: 'Buy soy milk' }, 1);

    expect(result).toMatchObject({ ok: false, error: { code: 'version_conflict' } });
    expect(state()?.task).toMatchObject({ title: 'Buy oat milk', version: 2 });
    expect(saves()).toBe(savesBefore);
    expect(versions(events())).toEqual([1, 2]);
  });

  it('saves and publishes nothing for a command with no events (completing a completed task)', async () => {
    const { create, call, saves, events } = setup();
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    await call('complete', { caller });
    const savesBefore = saves();

    const result = await call('complete', { caller });

    expect(result).toMatchObject({ ok: true, task: { status: 'completed', version: 2 } });
    expect(saves()).toBe(savesBefore);
    expect(events().map((event) => event.event_type)).toEqual(['task.created', 'task.completed']);
  });

  it('leaves nothing behind when its save fails, and the next turn starts from the store', async () => {
    const { create, runtime, state, events } = setup();
    runtime.failSaves(1);

    await expect(create({ title: 'Buy milk', time_zone: 'UTC' })).rejects.toThrow();
    expect(state()).toBeUndefined();
    expect(events()).toEqual([]);

    expect(await create({ title: 'Buy milk', time_zone: 'UTC' })).toMatchObject({
      ok: true,
      task: { version: 1 },
    });
    expect(versions(events())).toEqual([1]);
  });
});

describe('TaskActor effects', () => {
  it('answers ok when publishing fails, keeps the events pending and registers the retry reminder', async () => {
    const { create, runtime, effects, reminders, events } = setup();
    runtime.failPublishing(taskEvents);

    const result = await create({ title: 'Buy milk', time_zone: 'UTC' });

    expect(result).toMatchObject({ ok: true, task: { version: 1 } });
    expect(events()).toEqual([]);
    expect(effects()).toMatchObject([
      { kind: 'publish', topic: taskEvents, envelope: { event_type: 'task.created', version: 1 } },
    ]);
    const retry = reminders().get('effects-retry');
    expect(retry).toBeDefined();
    expect(JSON.parse(retry!.data)).toEqual({ kind: 'retry' });
  });

  it('publishes the pending events in order when the retry reminder fires, then removes it', async () => {
    const { create, update, runtime, effects, reminders, events, fire } = setup();
    runtime.failPublishing(taskEvents);
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    await update({ title: 'Buy oat milk' });
    expect(effects()).toHaveLength(2);
    runtime.restorePublishing(taskEvents);

    await fire('effects-retry');

    expect(versions(events())).toEqual([1, 2]);
    expect(effects()).toEqual([]);
    expect(reminders().has('effects-retry')).toBe(false);
  });

  it('publishes what an earlier turn left pending before the events of the next turn', async () => {
    const { create, update, runtime, reminders, events } = setup();
    runtime.failPublishing(taskEvents);
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    runtime.restorePublishing(taskEvents);

    await update({ title: 'Buy oat milk' });

    expect(versions(events())).toEqual([1, 2]);
    expect(reminders().has('effects-retry')).toBe(false);
  });

  it('publishes an event whose publication timed out again before any later one: version 1 never after version 2', async () => {
    const { create, update, runtime, events } = setup();
    runtime.failPublishing(taskEvents, { kind: 'timeout' });
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    runtime.restorePublishing(taskEvents);

    await update({ title: 'Buy oat milk' });

    const published = versions(events());
    // At least once: the broker got version 1 twice, and never after version 2.
    expect(published).toEqual([1, 1, 2]);
    expect(published.lastIndexOf(1)).toBeLessThan(published.indexOf(2));
  });

  it('counts a bulk publication done up to the first entry the broker refused', async () => {
    const { create, update, runtime, effects, events, fire } = setup();
    runtime.failPublishing(taskEvents);
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    runtime.failPublishing(taskEvents, {
      kind: 'refuse',
      refuses: (event) => (event as EventEnvelope).version === 2,
    });

    await update({ title: 'Buy oat milk' });

    expect(versions(events())).toEqual([1]);
    expect(effects()).toMatchObject([{ kind: 'publish', envelope: { version: 2 } }]);
    runtime.restorePublishing(taskEvents);
    await fire('effects-retry');
    expect(versions(events())).toEqual([1, 2]);
  });

  it('holds every later event back behind a refused one, and publishes them again after it', async () => {
    const { create, update, runtime, effects, events, fire } = setup();
    runtime.failPublishing(taskEvents);
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    runtime.failPublishing(taskEvents, {
      kind: 'refuse',
      refuses: (event) => (event as EventEnvelope).version === 1,
    });

    await update({ title: 'Buy oat milk' });

    // The broker took version 2, but the actor cannot count it done while version 1 is not.
    expect(effects()).toMatchObject([
      { kind: 'publish', envelope: { version: 1 } },
      { kind: 'publish', envelope: { version: 2 } },
    ]);
    runtime.restorePublishing(taskEvents);
    await fire('effects-retry');
    expect(versions(events()).slice(-2)).toEqual([1, 2]);
    expect(effects()).toEqual([]);
  });

  it('publishes what an earlier turn left pending on a turn with no events (a create delivered again)', async () => {
    const { create, runtime, events, saves } = setup();
    runtime.failPublishing(taskEvents);
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    runtime.restorePublishing(taskEvents);
    const savesBefore = saves();

    const again = await create({ title: 'Buy milk', time_zone: 'UTC' });

    expect(again).toMatchObject({ ok: true, task: { version: 1 } });
    expect(versions(events())).toEqual([1]);
    expect(saves()).toBe(savesBefore + 1);
  });

  it('publishes the effects a turn left pending when the actor is activated again', async () => {
    const { create, call, runtime, events } = setup();
    runtime.failPublishing(taskEvents);
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    await runtime.deactivate(TASK_ACTOR_TYPE, TASK);
    runtime.restorePublishing(taskEvents);
    expect(events()).toEqual([]);

    await call('get', { caller });

    expect(versions(events())).toEqual([1]);
  });

  it('settles pending effects for the sweeper and answers how many are left', async () => {
    const { create, runtime, events } = setup();
    runtime.failPublishing(taskEvents);
    await create({ title: 'Buy milk', time_zone: 'UTC' });
    const settle = () => runtime.call(TASK_ACTOR_TYPE, TASK, 'settle', {});

    expect(await settle()).toEqual({ pending: 1 });
    runtime.restorePublishing(taskEvents);
    expect(await settle()).toEqual({ pending: 0 });
    expect(versions(events())).toEqual([1]);
  });

  it('shows its pending effects and scheduled reminders to its owner', async () => {
    const { create, runtime } = setup();
    runtime.failPublishing(taskEvents);
    await create({
      title: 'Call mum',
      time_zone: 'UTC',
      due_at: DUE,
      reminders: [{ offset: '-PT1H' }],
    });

    const inspection = taskInspectionResultSchema.parse(
      await runtime.call(TASK_ACTOR_TYPE, TASK, 'inspect', { caller }),
    );

    expect(inspection).toMatchObject({
      ok: true,
      pending_effects: [{ kind: 'publish', topic: taskEvents, event_type: 'task.created' }],
      scheduled_reminders: [
        { name: dueName('offset:-PT1H'), reminder: { dueTime: '2030-06-03T11:00:00.000Z' } },
      ],
    });
  });
});

describe('TaskActor reminder sync', () => {
  const dueTask = {
    title: 'Call mum',
    time_zone: 'UTC',
    due_at: DUE,
    reminders: [{ offset: '-PT1H' }, { offset: '-PT30M' }],
  };

  it('registers one scheduler reminder per reminder of the task, at its fire time', async () => {
    const { create, reminders, runtime } = setup();

    await create(dueTask);

    const registered = reminders();
    expect([...registered.keys()].sort()).toEqual(
      [dueName('offset:-PT1H'), dueName('offset:-PT30M')].sort(),
    );
    expect(registered.get(dueName('offset:-PT1H'))).toEqual({
      dueTime: '2030-06-03T11:00:00.000Z',
      period: '10s',
      data: JSON.stringify({
        kind: 'due',
        reminder_id: 'offset:-PT1H',
        fire_at: '2030-06-03T11:00:00.000Z',
      }),
    });
    expect(registered.get(dueName('offset:-PT30M'))?.dueTime).toBe('2030-06-03T11:30:00.000Z');
    expect(runtime.stored(TASK_ACTOR_TYPE, TASK, 'registered-reminders')).toHaveLength(2);
  });

  it('registers nothing and saves no registrations for a task without reminders', async () => {
    const { create, reminders, runtime } = setup();

    await create({ title: 'Buy milk', time_zone: 'UTC', due_at: DUE });

    expect(reminders().size).toBe(0);
    expect(runtime.stored(TASK_ACTOR_TYPE, TASK, 'registered-reminders')).toBeUndefined();
  });

  it('unregisters the reminders an edit removed and registers the ones it added', async () => {
    const { create, update, reminders } = setup();
    await create(dueTask);

    await update({ reminders: [{ offset: '-PT30M' }, { offset: '-PT2H' }] });

    const registered = reminders();
    expect([...registered.keys()].sort()).toEqual(
      [dueName('offset:-PT30M'), dueName('offset:-PT2H')].sort(),
    );
    expect(registered.get(dueName('offset:-PT2H'))?.dueTime).toBe('2030-06-03T10:00:00.000Z');
  });

  it('moves the scheduler reminders with the due date', async () => {
    const { create, update, reminders } = setup();
    await create(dueTask);

    await update({ due_at: '2030-06-03T15:00:00.000Z' });

    expect(reminders().get(dueName('offset:-PT1H'))?.dueTime).toBe('2030-06-03T14:00:00.000Z');
  });

  it('registers a reminder already due to fire in a second, by the actor clock', async () => {
    const { create, reminders, setTime } = setup();
    setTime('2030-06-03T11:00:00.000Z');

    await create(dueTask);

    expect(reminders().get(dueName('offset:-PT1H'))?.dueTime).toBe('1s');
    expect(reminders().get(dueName('offset:-PT30M'))?.dueTime).toBe('2030-06-03T11:30:00.000Z');
  });

  it('unregisters every reminder, its series reminder too, when the task is deleted', async () => {
    const { create, call, reminders, runtime } = setup();
    await create({ ...dueTask, recurrence: { frequency: 'daily' } });
    expect(reminders().has(SERIES_ADVANCE_REMINDER)).toBe(true);
    expect(reminders().size).toBe(3);

    await call('delete', { caller });

    expect(reminders().size).toBe(0);
    expect(runtime.stored(TASK_ACTOR_TYPE, TASK, 'registered-reminders')).toEqual([]);
  });
});

describe('TaskActor reminder turn', () => {
  const dueTask = {
    title: 'Call mum',
    time_zone: 'UTC',
    due_at: DUE,
    reminders: [{ offset: '-PT1H' }],
  };
  const name = dueName('offset:-PT1H');

  it('publishes reminder.due on the reminders topic once, even when the reminder fires twice', async () => {
    const { create, runtime, reminders, setTime, state, events } = setup();
    await create(dueTask);
    const registration = reminders().get(name)!;
    setTime('2030-06-03T11:00:00.000Z');

    await runtime.fireReminder(TASK_ACTOR_TYPE, TASK, name, registration);
    await runtime.fireReminder(TASK_ACTOR_TYPE, TASK, name, registration);

    const published = runtime.published('reminders');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      partitionKey: TASK,
      event: {
        event_type: 'reminder.due',
        task_id: TASK,
        data: { reminder: { id: 'offset:-PT1H', fired_at: '2030-06-03T11:00:00.000Z' } },
      },
    });
    expect(state()?.task.reminders[0]?.fired_at).toBe('2030-06-03T11:00:00.000Z');
    // Handled: it stops repeating.
    expect(reminders().has(name)).toBe(false);
    expect(events().map((event) => event.event_type)).toEqual(['task.created']);
  });

  it('sends nothing for a reminder that fires for a time the task moved away from, and keeps the moved one', async () => {
    const { create, update, runtime, reminders, setTime } = setup();
    await create(dueTask);
    const stale = reminders().get(name)!;
    await update({ due_at: '2030-06-03T15:00:00.000Z' });
    setTime('2030-06-03T11:00:00.000Z');

    await runtime.fireReminder(TASK_ACTOR_TYPE, TASK, name, stale);

    expect(runtime.published('reminders')).toEqual([]);
    // Registered again under the same name for the new time: it must not be removed.
    expect(reminders().get(name)?.dueTime).toBe('2030-06-03T14:00:00.000Z');
  });

  it('stops a reminder the task no longer has when it fires (its removal was lost)', async () => {
    const { create, update, runtime, reminders, setTime } = setup();
    await create(dueTask);
    const leftOver = reminders().get(name)!;
    await update({ reminders: [] });
    // As if the sidecar had lost the removal: the scheduler still holds it, the state does not.
    await runtime.registerReminder(TASK_ACTOR_TYPE, TASK, name, leftOver);
    setTime('2030-06-03T11:00:00.000Z');

    await runtime.fireReminder(TASK_ACTOR_TYPE, TASK, name);

    expect(runtime.published('reminders')).toEqual([]);
    expect(reminders().has(name)).toBe(false);
  });

  it('moves a daily series on at its due time: the next occurrence is created once, under its deterministic id', async () => {
    const { create, call, runtime, reminders, setTime, state, events, fire } = setup();
    await create({ ...dueTask, recurrence: { frequency: 'daily' } });
    const seriesReminder = reminders().get(SERIES_ADVANCE_REMINDER)!;
    expect(seriesReminder.dueTime).toBe(DUE);
    const next = occurrenceId(TASK, NEXT_DUE);
    setTime(DUE);

    await fire(SERIES_ADVANCE_REMINDER);

    expect(runtime.invocations).toEqual([
      expect.objectContaining({
        actorType: TASK_ACTOR_TYPE,
        actorId: next,
        method: 'createOccurrence',
      }),
    ]);
    expect(state(next)?.task).toMatchObject({
      id: next,
      series_id: TASK,
      occurrence_index: 2,
      due_at: NEXT_DUE,
      status: 'pending',
    });
    expect(reminders().has(SERIES_ADVANCE_REMINDER)).toBe(false);
    expect(reminders(next).get(SERIES_ADVANCE_REMINDER)?.dueTime).toBe(NEXT_DUE);

    // Delivered again, then the overdue occurrence completed: the series stays on the same one.
    await runtime.fireReminder(TASK_ACTOR_TYPE, TASK, SERIES_ADVANCE_REMINDER, seriesReminder);
    await call('complete', { caller });

    const created = events().filter((event) => event.event_type === 'task.occurrence_created');
    expect(created.map((event) => event.task_id)).toEqual([next]);
    expect(events().filter((event) => event.event_type === 'task.series_advanced')).toHaveLength(1);
  });

  it('creates the next occurrence through the actor of its deterministic id when an occurrence is completed', async () => {
    const { create, call, runtime, state, events } = setup();
    await create({ ...dueTask, recurrence: { frequency: 'daily' } });

    const result = await call('complete', { caller });

    const next = occurrenceId(TASK, NEXT_DUE);
    expect(result).toMatchObject({ ok: true, task: { status: 'completed' } });
    expect(runtime.invocations.map(({ actorId, method }) => ({ actorId, method }))).toEqual([
      { actorId: next, method: 'createOccurrence' },
    ]);
    expect(state(next)?.task).toMatchObject({ series_id: TASK, due_at: NEXT_DUE });
    // Two aggregates: their events are ordered each on its own, not with each other.
    const published = events().map((event) => [event.event_type, event.task_id]);
    expect(published).toHaveLength(3);
    expect(published).toEqual(
      expect.arrayContaining([
        ['task.created', TASK],
        ['task.completed', TASK],
        ['task.occurrence_created', next],
      ]),
    );
  });
});

describe('TaskActor effects on other actors', () => {
  it('keeps a next occurrence it could not create pending, without holding back or repeating its events', async () => {
    const { create, call, runtime, reminders, state, events, effects, fire } = setup();
    await create({
      title: 'Water plants',
      time_zone: 'UTC',
      due_at: DUE,
      recurrence: { frequency: 'daily' },
    });
    const next = occurrenceId(TASK, NEXT_DUE);
    runtime.failInvocations(TASK_ACTOR_TYPE, next);

    const result = await call('complete', { caller });

    expect(result).toMatchObject({ ok: true, task: { status: 'completed' } });
    expect(events().map((event) => event.event_type)).toEqual(['task.created', 'task.completed']);
    expect(effects()).toMatchObject([{ kind: 'create_occurrence', taskId: next }]);
    expect(reminders().has('effects-retry')).toBe(true);
    expect(state(next)).toBeUndefined();

    runtime.restoreInvocations(TASK_ACTOR_TYPE, next);
    await fire('effects-retry');

    expect(state(next)?.task).toMatchObject({ series_id: TASK, due_at: NEXT_DUE });
    expect(effects()).toEqual([]);
    expect(reminders().has('effects-retry')).toBe(false);
    expect(events().filter((event) => event.event_type === 'task.completed')).toHaveLength(1);
  });
});

describe('TaskActor time zone', () => {
  const profileOf = (time_zone: string) => ({ ...defaultProfile(USER, T0), time_zone });

  it('takes the user’s zone from the UserActor for a create without one, and keeps it for the lease', async () => {
    const { create, runtime, monotonic } = setup();
    await runtime.saveActorState(
      USER_ACTOR_TYPE,
      USER,
      new Map([['profile', profileOf('Europe/Berlin')]]),
    );
    const asked = () => runtime.invocations.filter((call) => call.method === 'getProfile').length;

    expect(await create({ title: 'First' })).toMatchObject({
      ok: true,
      task: { time_zone: 'Europe/Berlin' },
    });
    expect(runtime.invocations[0]).toMatchObject({
      actorType: USER_ACTOR_TYPE,
      actorId: USER,
      body: { lease_zone: true },
    });
    await create({ title: 'Second' }, OTHER_TASK);
    expect(asked()).toBe(1);

    // The lease runs out (see zone-lease.ts): the next create asks again and sees the new zone.
    await runtime.saveActorState(
      USER_ACTOR_TYPE,
      USER,
      new Map([['profile', profileOf('America/New_York')]]),
    );
    await runtime.deactivate(USER_ACTOR_TYPE, USER);
    monotonic.ms = 2_000;
    const third = await create({ title: 'Third' }, '9a1e4c2b-6d3f-4e8a-b7c5-0f2d1e3a4b5c');
    expect(asked()).toBe(2);
    expect(third).toMatchObject({ ok: true, task: { time_zone: 'America/New_York' } });
  });

  it('takes the zone a create names without asking the UserActor', async () => {
    const { create, runtime } = setup();

    await create({ title: 'Buy milk', time_zone: 'Asia/Tokyo' });

    expect(runtime.invocations).toEqual([]);
  });

  it('refuses a create when the UserActor refuses to answer, and leases nothing', async () => {
    const { create, runtime, state } = setup({ users: false });
    runtime.onInvoke = async () => ({
      ok: false,
      error: { code: 'forbidden', message: 'not your profile' },
    });

    expect(await create({ title: 'Buy milk' })).toMatchObject({
      ok: false,
      error: { code: 'user_unavailable' },
    });
    expect(await create({ title: 'Buy milk' })).toMatchObject({ ok: false });
    expect(runtime.invocations).toHaveLength(2);
    expect(state()).toBeUndefined();
  });

  it('refuses a create when the user’s profile cannot be read, leaving nothing behind', async () => {
    const { create, state, events, saves } = setup({ users: false });

    const result = await create({ title: 'Buy milk' });

    expect(result).toMatchObject({ ok: false, error: { code: 'user_unavailable' } });
    expect(state()).toBeUndefined();
    expect(saves()).toBe(0);
    expect(events()).toEqual([]);
  });
});
