import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../actors/effects.ts';
import { occurrenceId } from '../../actors/task/occurrence-id.ts';
import type { TaskState } from '../../actors/task/task-state.ts';
import { topics } from '../../schemas/events.ts';
import { envelopeOf, eventsFor } from '../support/events.ts';
import { eventually } from '../support/eventually.ts';
import { envelopeFor } from '../support/fixtures.ts';
import { collectTopic } from '../support/kafka.ts';
import { useOwnStack } from '../support/own-stack.ts';

/**
 * Crashes and outages on a stack of this file's own: the actor host and its sidecar killed with
 * SIGKILL and restarted, the Kafka broker frozen and thawed.
 */
// Local processes, whatever STACK_INFRA says: these tests freeze and kill them by pid.
// The pending-effects sweep runs every second here (30 s in production), so its test is quick.
const own = useOwnStack(
  'faults',
  () => ({ EFFECTS_SWEEP_SECONDS: '1', EFFECTS_MIN_AGE_SECONDS: '2' }),
  // These tests hold a crashed process down until they start it again themselves.
  { infra: 'processes', restartCrashed: false },
);
let taskEvents: Awaited<ReturnType<typeof collectTopic>>;
let reminders: Awaited<ReturnType<typeof collectTopic>>;

beforeAll(async () => {
  const brokers = own.stack().info.kafkaBrokers;
  [taskEvents, reminders] = await Promise.all([
    collectTopic(topics.taskEvents, brokers),
    collectTopic(topics.reminders, brokers),
  ]);
});
afterAll(async () => {
  await Promise.all([taskEvents?.stop(), reminders?.stop()]);
});

async function crashActorHost(): Promise<void> {
  await Promise.all([
    own.stack().process('todo-actors').kill(),
    own.stack().process('daprd-todo-actors').kill(),
  ]);
}

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('the outbox', () => {
  it('keeps an event the broker did not take, publishes it later, and the consumer applies it once', async () => {
    const api = await own.api('outbox-user');
    const kafka = own.stack().process('kafka');
    kafka.signal('SIGSTOP');
    let id: string;
    try {
      const created = await api('POST', '/tasks', { title: 'written while Kafka hangs' });
      expect(created.status).toBe(201);
      id = String(created.body!.id);
      // Saved with the state, not yet published.
      const effects = (await own.actorState('TaskActor', id, 'effects')) as { kind: string }[];
      expect(effects.some((effect) => effect.kind === 'publish')).toBe(true);
    } finally {
      kafka.signal('SIGCONT');
    }

    const rows = await eventually(
      'the audit row',
      async () => {
        const { rows: found } = await own
          .db()
          .query<{ event_id: string }>('select event_id from audit_log where task_id = $1', [id]);
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    await eventually(
      'the effects to drain',
      async () => {
        const effects = (await own.actorState('TaskActor', id, 'effects')) as unknown[];
        return effects.length === 0 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const created = eventsFor(taskEvents.messages, id).filter(
      (e) => e.event_type === 'task.created',
    );
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((e) => e.event_id)).size).toBe(1);
    const { rows: audit } = await own
      .db()
      .query('select event_id from audit_log where task_id = $1', [id]);
    expect(audit).toEqual(rows);
    expect(audit).toHaveLength(1);
  });
});

describe('effects a crashed turn left pending', () => {
  it('go out although nobody touches the task again: the sweep settles them', async () => {
    const api = await own.api('sweep-user');
    const created = await api('POST', '/tasks', { title: 'saved before the crash' });
    const id = String(created.body!.id);
    const viewOf = async () =>
      (
        await own
          .db()
          .query<{ version: number; title: string }>(
            'select version, title from task_view where id = $1',
            [id],
          )
      ).rows[0];
    await eventually('the task projected', async () =>
      (await viewOf())?.version === 1 ? true : undefined,
    );

    // What a host killed between a turn's save and its publishes leaves behind: the next version
    // saved together with the effects that were to announce it, and no retry reminder.
    await own.stack().process('todo-actors').kill();
    const saved = (await own.actorState('TaskActor', id, 'task')) as TaskState;
    const task = { ...saved.task, title: 'saved, then the host died', version: 2 };
    const event = envelopeFor('task.updated', task, { task, changed: ['title'] });
    const effects: Effect[] = [
      { kind: 'publish', topic: topics.taskEvents, partitionKey: id, envelope: event },
      { kind: 'sync_reminders' },
    ];
    const write = (key: string, value: unknown) =>
      own
        .db()
        .query(
          `update state set value = convert_to($2, 'UTF8'), updated_at = now() where key = $1`,
          [`todo-actors||TaskActor||${id}||${key}`, JSON.stringify(value)],
        );
    await write('task', { ...saved, task });
    await write('effects', effects);
    await own.stack().startApp('todo-actors');

    await eventually(
      'the saved version projected',
      async () => ((await viewOf())?.version === 2 ? true : undefined),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect((await viewOf())?.title).toBe('saved, then the host died');
    // The audit worker consumes the same topic on its own, a moment after the projector or before.
    const audited = await eventually('the saved event audited', async () => {
      const { rows } = await own
        .db()
        .query('select 1 from audit_log where event_id = $1', [event.event_id]);
      return rows.length > 0 ? rows : undefined;
    });
    expect(audited).toHaveLength(1);
    await eventually('the effects drained', async () =>
      ((await own.actorState('TaskActor', id, 'effects')) as unknown[]).length === 0
        ? true
        : undefined,
    );
  });
});

describe('reminders across a crash of the actor host and its sidecar', () => {
  it('still fire, once, after both are killed with SIGKILL and restarted', async () => {
    const api = await own.api('crash-user');
    const fireAt = inSeconds(8);
    const created = await api('POST', '/tasks', {
      title: 'survives a crash',
      reminders: [{ at: fireAt }],
    });
    const id = String(created.body!.id);
    await crashActorHost();
    await sleep(500);
    await own.stack().startApp('todo-actors');

    await eventually(
      'reminder.due after the restart',
      async () => (eventsFor(reminders.messages, id).length > 0 ? true : undefined),
      {
        timeoutMs: 60_000,
      },
    );
    await eventually('the reminder to be unregistered', async () => {
      const registered = (await own.actorState(
        'TaskActor',
        id,
        'registered-reminders',
      )) as string[];
      return registered.length === 0 ? true : undefined;
    });
    expect(eventsFor(reminders.messages, id)).toHaveLength(1);
  });

  it('fire after the restart when they fell due while the host was down', async () => {
    const api = await own.api('crash-user');
    const created = await api('POST', '/tasks', {
      title: 'due during the outage',
      reminders: [{ at: inSeconds(2) }],
    });
    const id = String(created.body!.id);
    await crashActorHost();
    await sleep(4_000);
    await own.stack().startApp('todo-actors');
    await eventually(
      'reminder.due after the outage',
      async () => (eventsFor(reminders.messages, id).length > 0 ? true : undefined),
      {
        timeoutMs: 60_000,
      },
    );
    expect(eventsFor(reminders.messages, id)).toHaveLength(1);
  });
});

describe('recurrence across a crash', () => {
  it('a completion interrupted by SIGKILL and retried creates exactly one next occurrence', async () => {
    const api = await own.api('recurring-user');
    const due = '2026-12-02T18:00:00.000Z';
    const created = await api('POST', '/tasks', {
      title: 'Take out the bins',
      due_at: due,
      time_zone: 'America/New_York',
      recurrence: { frequency: 'weekly', days_of_week: [3] },
    });
    const id = String(created.body!.id);

    const interrupted = api('POST', `/tasks/${id}/complete`).catch(() => undefined);
    await sleep(15);
    await crashActorHost();
    await interrupted;
    await own.stack().startApp('todo-actors');
    const retried = await eventually('the retried completion', async () => {
      const response = await api('POST', `/tasks/${id}/complete`);
      return response.status === 200 ? response : undefined;
    });
    expect(retried.body).toMatchObject({ status: 'completed' });

    const nextId = occurrenceId(id, '2026-12-09T18:00:00.000Z');
    const next = await eventually('the next occurrence', async () => {
      const response = await api('GET', `/tasks/${nextId}`);
      return response.status === 200 ? response.body : undefined;
    });
    expect(next).toMatchObject({
      due_at: '2026-12-09T18:00:00.000Z',
      occurrence_index: 2,
      version: 1,
    });
    await eventually('task.occurrence_created', async () =>
      eventsFor(taskEvents.messages, nextId).length > 0 ? true : undefined,
    );
    const occurrenceEvents = new Set(
      eventsFor(taskEvents.messages, nextId)
        .filter((e) => e.event_type === 'task.occurrence_created')
        .map((e) => e.event_id),
    );
    expect(occurrenceEvents.size).toBe(1);
    const completions = new Set(
      eventsFor(taskEvents.messages, id)
        .filter((e) => e.event_type === 'task.completed')
        .map((e) => e.event_id),
    );
    expect(completions.size).toBe(1);
  });
});

describe('a series across a crash', () => {
  it('an actor host down at the due time hands the series on once, after its restart', async () => {
    const api = await own.api('series-crash-user');
    const due = new Date(Math.ceil((Date.now() + 4_000) / 1000) * 1000).toISOString();
    const created = await api('POST', '/tasks', {
      title: 'Feed the fish',
      due_at: due,
      time_zone: 'UTC',
      recurrence: { frequency: 'daily' },
    });
    const id = String(created.body!.id);
    await crashActorHost();
    await sleep(Math.max(0, Date.parse(due) - Date.now()) + 1_000);
    await own.stack().startApp('todo-actors');

    const nextId = occurrenceId(id, new Date(Date.parse(due) + 86_400_000).toISOString());
    await eventually(
      'the next occurrence',
      async () => ((await api('GET', `/tasks/${nextId}`)).status === 200 ? true : undefined),
      { timeoutMs: 60_000 },
    );
    expect((await api('GET', `/tasks/${id}`)).body).toMatchObject({ status: 'pending' });
    // The reminder repeats until handled; a few more periods must not make a second one.
    await sleep(12_000);
    const occurrences = taskEvents.messages
      .map(envelopeOf)
      .filter(
        (event) =>
          event.event_type === 'task.occurrence_created' &&
          (event.data as { task: { series_id: string } }).task.series_id === id,
      );
    expect(new Set(occurrences.map((event) => event.task_id))).toEqual(new Set([nextId]));
    expect(new Set(occurrences.map((event) => event.event_id)).size).toBe(1);
    expect(eventsFor(taskEvents.messages, id).map((event) => event.event_type)).toContain(
      'task.series_advanced',
    );
  });
});

describe('a PostgreSQL restart', () => {
  it('leaves every consumer running: events written after it are projected and audited', async () => {
    const api = await own.api('postgres-restart-user');
    // Open connections in every consumer's pool, so the restart leaves them idle and broken.
    const before = await api('POST', '/tasks', { title: 'before the restart' });
    const beforeId = String(before.body!.id);
    await eventually('the first task projected', async () => {
      const { rows } = await own.db().query('select 1 from task_view where id = $1', [beforeId]);
      return rows.length > 0 ? true : undefined;
    });

    await own.stack().restartPostgres();

    const after = await eventually('a create after the restart', async () => {
      const response = await api('POST', '/tasks', { title: 'after the restart' });
      return response.status === 201 ? response : undefined;
    });
    const id = String(after.body!.id);
    await eventually(
      'projection and audit of the new task',
      async () => {
        const { rows } = await own.db().query(
          `select (select count(*) from task_view where id = $1) as projected,
                    (select count(*) from audit_log where task_id = $1) as audited`,
          [id],
        );
        return Number(rows[0].projected) === 1 && Number(rows[0].audited) === 1 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    for (const app of ['todo-projector', 'todo-audit', 'todo-notifier-1', 'todo-notifier-2']) {
      expect(own.stack().process(app).running, `${app} still running`).toBe(true);
    }
  });
});
