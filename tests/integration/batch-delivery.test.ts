import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import type { DeadLetter } from '../../schemas/dead-letter.ts';
import { topics, type EventEnvelope } from '../../schemas/events.ts';
import type { Task } from '../../schemas/task.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../schemas/realtime.ts';
import { bulkDeliveryBody, bulkPublish, deliverAsSidecar } from '../support/bulk-delivery.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { envelopeFor, taskSnapshot } from '../support/fixtures.ts';
import { collectTopic } from '../support/kafka.ts';

const stack = inject('stack');
const db = testDatabase();
let deadLetters: Awaited<ReturnType<typeof collectTopic>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  deadLetters = await collectTopic(topics.deadLetters);
});
afterAll(() => {
  deadLetters.stop();
  sockets.forEach((socket) => socket.disconnect());
});

const letters = () =>
  deadLetters.messages.map((message) => (JSON.parse(message.value) as { data: DeadLetter }).data);
const lettersOf = (eventId: string) =>
  letters().filter(
    (letter) =>
      (letter.original as { data?: { event_id?: string } } | undefined)?.data?.event_id === eventId,
  );

const created = (userId: string) =>
  envelopeFor('task.created', taskSnapshot({ id: randomUUID(), user_id: userId }));

const updated = (task: Task) => envelopeFor('task.updated', task, { task, changed: ['title'] });

async function auditRows(eventIds: string[]) {
  const { rows } = await db.query<{ event_id: string }>(
    'select event_id from audit_log where event_id = any($1)',
    [eventIds],
  );
  return rows.map((row) => row.event_id).sort();
}

async function viewRows(taskIds: string[]) {
  const { rows } = await db.query<{ id: string; version: number; last_event_id: string }>(
    'select id, version, last_event_id, projected_at from task_view where id = any($1) order by id',
    [taskIds],
  );
  return rows;
}

describe('consumers take messages in batches', () => {
  it('a poison message inside a batch ends in dlq-events alone; the others in the batch are projected and audited', async () => {
    const user = `batch-${randomUUID()}`;
    const before = [created(user), created(user)];
    // Valid by schema, but PostgreSQL refuses text with a NUL character: every attempt fails.
    const poison = created(`poison\u0000${randomUUID()}`);
    // Marked, so that the contract test (every event on Kafka) knows it is malformed on purpose.
    const garbage = { event_id: randomUUID(), event_type: 'task.created', test_fixture: true };
    const after = [created(user), created(user)];
    await bulkPublish(
      stack,
      topics.taskEvents,
      [...before, poison, garbage, ...after],
      randomUUID(),
    );

    const good = [...before, ...after];
    await eventually('the good events audited and projected', async () => {
      const audited = await auditRows(good.map((event) => event.event_id));
      const projected = await viewRows(good.map((event) => event.task_id));
      return audited.length === good.length && projected.length === good.length ? true : undefined;
    });

    const poisonLetters = await eventually(
      'the poison event dead-lettered by the projector and the audit worker',
      async () => {
        const found = lettersOf(poison.event_id);
        return found.length === 2 ? found : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(poisonLetters.map((letter) => letter.subscriber).sort()).toEqual([
      'todo-audit',
      'todo-projector',
    ]);
    for (const letter of poisonLetters)
      expect(letter).toMatchObject({ reason: 'handler_failed', attempts: 5, topic: 'task-events' });
    // Every subscriber of task-events refuses the malformed message on its own; realtime, which
    // only forwards events, has nothing the poison event breaks.
    const garbageLetters = await eventually(
      'the malformed message dead-lettered at once',
      async () => {
        const found = lettersOf(garbage.event_id);
        return found.length === 3 ? found : undefined;
      },
    );
    expect(garbageLetters.map((letter) => letter.subscriber).sort()).toEqual([
      'todo-audit',
      'todo-projector',
      'todo-realtime',
    ]);
    for (const letter of garbageLetters)
      expect(letter).toMatchObject({ reason: 'schema_mismatch', attempts: 0 });
    // Nothing else of the batch was dead-lettered, and nothing twice.
    for (const event of good) expect(lettersOf(event.event_id)).toEqual([]);
    expect(await auditRows(good.map((event) => event.event_id))).toHaveLength(good.length);
    // The poison came inside a batch: its batch handler failed and the batch went one by one.
    // Each consumer's sidecar cuts its own bulk deliveries (every 20 ms), so one of them may
    // have been handed the poison alone (one run in four here); at least one took it in a batch.
    const fallbacks = await Promise.all(
      (['todo-projector', 'todo-audit'] as const).map(async (app) => {
        const metrics = await (
          await fetch(`http://127.0.0.1:${stack.apps[app].appPort}/metrics`)
        ).text();
        const count = /pubsub_batch_size_count\{topic="task-events",mode="fallback"\} (\d+)/.exec(
          metrics,
        );
        return Number(count?.[1] ?? 0);
      }),
    );
    expect(Math.max(...fallbacks)).toBeGreaterThan(0);
  });

  it('a redelivered batch changes nothing and is acked entry by entry', async () => {
    const user = `redelivered-${randomUUID()}`;
    const task = taskSnapshot({ id: randomUUID(), user_id: user });
    const first = envelopeFor('task.created', task);
    const done = {
      ...task,
      version: 2,
      status: 'completed' as const,
      completed_at: new Date().toISOString(),
    };
    const second = envelopeFor('task.completed', done, { task: done, next: null });
    const other = created(user);
    const events = [first, second, other];
    await bulkPublish(stack, topics.taskEvents, events, task.id);
    const eventIds = events.map((event) => event.event_id).sort();
    await eventually('the batch audited and projected', async () => {
      const view = await viewRows([task.id, other.task_id]);
      return (await auditRows(eventIds)).length === 3 &&
        view.find((row) => row.id === task.id)?.version === 2 &&
        view.length === 2
        ? true
        : undefined;
    });
    const counters = async () =>
      (await db.query('select * from user_counters where user_id = $1', [user])).rows;
    const viewBefore = await viewRows([task.id, other.task_id]);
    const countersBefore = await counters();
    expect(countersBefore).toMatchObject([{ tasks_created: 2, tasks_completed: 1 }]);

    // The same batch again, twice, as a sidecar would redeliver it after a crash.
    const body = bulkDeliveryBody(topics.taskEvents, events);
    const acked = {
      statuses: body.entries.map((entry) => ({ entryId: entry.entryId, status: 'SUCCESS' })),
    };
    for (const app of ['todo-projector', 'todo-audit'] as const)
      for (let time = 0; time < 2; time++)
        expect(await deliverAsSidecar(stack, app, topics.taskEvents, body)).toEqual(acked);

    expect(await viewRows([task.id, other.task_id])).toEqual(viewBefore);
    expect(await counters()).toEqual(countersBefore);
    expect(await auditRows(eventIds)).toEqual(eventIds);
    for (const event of events) expect(lettersOf(event.event_id)).toEqual([]);
  });

  it('a batch on task-events reaches each user once per event, each task’s events in order', async () => {
    const alice = `rt-batch-${randomUUID()}`;
    const bob = `rt-batch-${randomUUID()}`;
    const connect = async (userId: string) => {
      const received: EventEnvelope[] = [];
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(
        `http://127.0.0.1:${stack.apps['todo-realtime-1'].appPort}`,
        {
          auth: { token: await signAccessToken(stack.secrets['jwt-secret'], userId) },
          transports: ['websocket'],
          reconnection: false,
        },
      );
      sockets.push(socket as unknown as Socket);
      socket.on('task:events', (events) => received.push(...events));
      await new Promise((resolveReady) => socket.once('session:ready', resolveReady));
      return received;
    };
    const [toAlice, toBob] = await Promise.all([connect(alice), connect(bob)]);

    const task = taskSnapshot({ id: randomUUID(), user_id: alice });
    const alices = [
      envelopeFor('task.created', task),
      updated({ ...task, version: 2, title: 'v2' }),
      updated({ ...task, version: 3, title: 'v3' }),
      created(alice),
    ];
    const bobs = [created(bob)];
    const partition = randomUUID();
    await bulkPublish(
      stack,
      topics.taskEvents,
      [alices[0], bobs[0], alices[1], alices[2], alices[3]],
      partition,
    );
    await eventually('every event at its user', async () =>
      toAlice.length >= alices.length && toBob.length >= bobs.length ? true : undefined,
    );
    // A later event behind them in their partition: once it is there, none of theirs is on its way.
    const sentinel = created(alice);
    await bulkPublish(stack, topics.taskEvents, [sentinel], partition);
    await eventually('the sentinel', async () =>
      toAlice.some((event) => event.event_id === sentinel.event_id) ? true : undefined,
    );

    expect(toAlice.map((event) => event.event_id)).toEqual(
      [...alices, sentinel].map((event) => event.event_id),
    );
    expect(toBob.map((event) => event.event_id)).toEqual(bobs.map((event) => event.event_id));
  });
});
