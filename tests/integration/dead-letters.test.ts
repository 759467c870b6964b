import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sidecarClient } from '../../stack/sidecar-client.ts';
import type { DeadLetter } from '../../schemas/dead-letter.ts';
import { PUBSUB_NAME, topics } from '../../schemas/events.ts';
import { repoRoot } from '../../stack/paths.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { envelopeFor, taskSnapshot } from '../support/fixtures.ts';
import { collectTopic } from '../support/kafka.ts';

const stack = inject('stack');
const db = testDatabase();
// As the actor host: only it may publish the task topics (pub/sub scopes).
const publisher = sidecarClient(stack, 'todo-actors');
let deadLetters: Awaited<ReturnType<typeof collectTopic>>;

beforeAll(async () => {
  deadLetters = await collectTopic(topics.deadLetters);
});
afterAll(() => deadLetters.stop());

const letters = () =>
  deadLetters.messages.map((message) => (JSON.parse(message.value) as { data: DeadLetter }).data);

describe('dead letters', () => {
  it('a poison event ends in dlq-events with the error after 5 attempts, and the good event behind it is processed', async () => {
    const partition = randomUUID();
    // Valid by schema, but PostgreSQL refuses text with a NUL character: every attempt fails.
    const poison = envelopeFor(
      'task.created',
      taskSnapshot({ id: randomUUID(), user_id: `poison\u0000${randomUUID()}` }),
    );
    const good = envelopeFor(
      'task.created',
      taskSnapshot({ id: randomUUID(), user_id: `good-${randomUUID()}` }),
    );
    await publisher.publish(PUBSUB_NAME, topics.taskEvents, poison, { partitionKey: partition });
    await publisher.publish(PUBSUB_NAME, topics.taskEvents, good, { partitionKey: partition });

    const letter = await eventually(
      'the dead letter from the audit worker',
      async () =>
        letters().find(
          (l) =>
            l.subscriber === 'todo-audit' &&
            (l.original as { data: { event_id: string } }).data.event_id === poison.event_id,
        ),
      { timeoutMs: 60_000 },
    );
    expect(letter).toMatchObject({ reason: 'handler_failed', topic: 'task-events', attempts: 5 });
    expect(letter.error).toMatch(/invalid byte sequence|null character|0x00/i);

    const { rows } = await eventually('the good event in the audit log', async () => {
      const result = await db.query('select event_id from audit_log where event_id = $1', [
        good.event_id,
      ]);
      return result.rows.length === 1 ? result : undefined;
    });
    expect(rows).toHaveLength(1);
    // The audit worker keeps dead letters for inspection and replay.
    await eventually('the dead letter stored', async () => {
      const result = await db.query(
        "select reason from dead_letters where payload->'original'->'data'->>'event_id' = $1",
        [poison.event_id],
      );
      return result.rows.length > 0 ? true : undefined;
    });
  });

  it('an event that does not match its schema goes to dlq-events at once', async () => {
    // Marked, so that the contract test (every event on Kafka) knows it is malformed on purpose.
    const garbage = {
      event_id: randomUUID(),
      event_type: 'task.created',
      note: 'no envelope fields',
      test_fixture: true,
    };
    await publisher.publish(PUBSUB_NAME, topics.taskEvents, garbage, {
      partitionKey: randomUUID(),
    });
    const letter = await eventually('the schema dead letter', async () =>
      letters().find(
        (l) => (l.original as { data?: { event_id?: string } }).data?.event_id === garbage.event_id,
      ),
    );
    expect(letter).toMatchObject({ reason: 'schema_mismatch', attempts: 0, topic: 'task-events' });
    expect(letter.error).toContain('schema_version');
  });
});

describe('replaying dead letters', () => {
  const replay = (...args: string[]) =>
    promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'host', 'tools', 'dlq-replay.ts'), ...args],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DAPR_HTTP_PORT: String(stack.apps['todo-actors'].daprHttpPort),
          DAPR_API_TOKEN: stack.mesh.tokens['todo-actors'].dapr,
          SECRET_POSTGRES_URL: stack.postgresUrl,
        },
      },
    );

  it('publishes the stored original again (after a dry run that changes nothing) and marks it replayed', async () => {
    const event = envelopeFor(
      'task.created',
      taskSnapshot({ id: randomUUID(), user_id: `replayed-${randomUUID()}` }),
    );
    const { rows } = await db.query<{ id: string }>(
      "insert into dead_letters (reason, topic, subscriber, error, payload) values ('handler_failed', 'task-events', 'todo-audit', 'database was down', $1) returning id",
      [JSON.stringify({ original: { id: randomUUID(), data: event } })],
    );
    const since = new Date(Date.now() - 60_000).toISOString();

    const dry = await replay('--since', since, '--dry-run');
    expect(dry.stdout).toContain(
      `#${rows[0]!.id} would replay task.created ${event.event_id} to task-events`,
    );
    expect(
      (await db.query('select replayed_at from dead_letters where id = $1', [rows[0]!.id])).rows[0]
        .replayed_at,
    ).toBeNull();

    const real = await replay('--since', since);
    expect(real.stdout).toContain(`#${rows[0]!.id} replaying task.created`);
    await eventually('the replayed event in the audit log', async () => {
      const found = await db.query('select 1 from audit_log where event_id = $1', [event.event_id]);
      return found.rows.length === 1 ? true : undefined;
    });
    expect(
      (await db.query('select replayed_at from dead_letters where id = $1', [rows[0]!.id])).rows[0]
        .replayed_at,
    ).not.toBeNull();
  });
});
