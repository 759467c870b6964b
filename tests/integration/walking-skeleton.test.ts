import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { daprBinary } from '../../stack/paths.ts';
import { versions } from '../../stack/versions.ts';
import { sidecarClient } from '../../stack/sidecar-client.ts';
import { PUBSUB_NAME, topics } from '../../schemas/events.ts';
import { apiAs, problemPaths } from '../support/api.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { collectTopic } from '../support/kafka.ts';

const stack = inject('stack');
const pids = inject('stackPids');
const db = testDatabase();

describe('the Dapr binaries', () => {
  it(`are the ${versions.dapr} build the stack runs`, () => {
    expect(execFileSync(daprBinary('daprd'), ['--version']).toString().trim()).toBe(versions.dapr);
    for (const process of ['daprd-todo-actors', 'daprd-todo-gateway', 'placement', 'scheduler']) {
      const pid = pids[process];
      expect(pid, process).toBeGreaterThan(0);
      const binary = process.startsWith('daprd') ? 'daprd' : (process as 'placement' | 'scheduler');
      expect(readlinkSync(`/proc/${pid}/exe`)).toBe(daprBinary(binary));
    }
  });
});

describe('one task through every layer', () => {
  let kafka: Awaited<ReturnType<typeof collectTopic>>;
  let created: Record<string, unknown>;

  beforeAll(async () => {
    kafka = await collectTopic(topics.taskEvents);
    const api = await apiAs(`user-${randomUUID()}`);
    const response = await api.post('/tasks', { title: 'Buy milk' });
    expect(response.status).toBe(201);
    created = response.body!;
  });
  afterAll(() => kafka.stop());

  it('answers the POST with the created task and its location', () => {
    expect(created).toMatchObject({
      title: 'Buy milk',
      status: 'pending',
      priority: 'medium',
      version: 1,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the task in the PostgreSQL actor state store under Dapr’s actor key', async () => {
    const key = `todo-actors||TaskActor||${String(created.id)}||task`;
    const { rows } = await db.query<{ value: Buffer | string }>(
      'select value from state where key = $1',
      [key],
    );
    expect(rows).toHaveLength(1);
    const value = rows[0]!.value;
    const json = JSON.parse(Buffer.isBuffer(value) ? value.toString() : value) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      deleted_at: null,
      task: { id: created.id, title: 'Buy milk', version: 1 },
    });
  });

  it('shows the actor type in daprd’s metadata', async () => {
    const metadata = await sidecarClient(stack, 'todo-actors').metadata();
    expect(metadata.runtimeVersion).toBe(versions.dapr);
    expect(metadata.actors?.map((actor) => actor.type)).toContain('TaskActor');
  });

  it('publishes task.created to task-events, keyed by the task id, readable by a plain Kafka consumer', async () => {
    const message = await eventually('task.created on Kafka', async () =>
      kafka.messages.find((m) => m.key === created.id),
    );
    const cloudEvent = JSON.parse(message.value) as { data: Record<string, unknown> };
    expect(cloudEvent.data).toMatchObject({
      schema_version: '1.0',
      event_type: 'task.created',
      task_id: created.id,
      user_id: created.user_id,
      version: 1,
      data: { task: { id: created.id, title: 'Buy milk' } },
    });
    expect(cloudEvent.data.event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(cloudEvent.data.correlation_id).toEqual(expect.any(String));
  });

  it('answers GET from the actor', async () => {
    const api = await apiAs(String(created.user_id));
    const response = await api.get(`/tasks/${String(created.id)}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
  });

  it('writes the audit row exactly once, even when the event is delivered twice', async () => {
    const rowsOf = async () =>
      (
        await db.query<{ event_id: string; event_type: string; version: number }>(
          'select event_id, event_type, version from audit_log where task_id = $1 order by id',
          [created.id],
        )
      ).rows;
    const [first] = await eventually('audit row', async () => {
      const rows = await rowsOf();
      return rows.length > 0 ? rows : undefined;
    });
    expect(first).toMatchObject({ event_type: 'task.created', version: 1 });

    // Deliver the very same event again, then a marker behind it on the same partition: once the
    // marker is in the audit log, the duplicate has been consumed too.
    const message = kafka.messages.find((m) => m.key === created.id)!;
    const original = (JSON.parse(message.value) as { data: Record<string, unknown> }).data;
    // As the actor host: only it may publish the task topics.
    const publisher = sidecarClient(stack, 'todo-actors');
    await publisher.publish(PUBSUB_NAME, topics.taskEvents, original, {
      partitionKey: String(created.id),
    });
    const marker = { ...original, event_id: randomUUID(), version: 2 };
    await publisher.publish(PUBSUB_NAME, topics.taskEvents, marker, {
      partitionKey: String(created.id),
    });

    const rows = await eventually('marker in the audit log', async () => {
      const current = await rowsOf();
      return current.some((row) => row.event_id === marker.event_id) ? current : undefined;
    });
    expect(rows.filter((row) => row.event_id === original.event_id)).toHaveLength(1);
    expect(rows).toHaveLength(2);
    // Counted with the audit row, so once as well: the original and the marker.
    const { rows: counters } = await db.query(
      'select tasks_created from user_counters where user_id = $1',
      [created.user_id],
    );
    expect(counters).toEqual([{ tasks_created: 2 }]);
  });

  it('refuses requests without a valid token', async () => {
    const response = await fetch(`${stack.gatewayUrl}/api/v1/tasks/${String(created.id)}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('does not show one user’s task to another (404, not 403)', async () => {
    const stranger = await apiAs(`user-${randomUUID()}`);
    const response = await stranger.get(`/tasks/${String(created.id)}`);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'task_not_found', status: 404 });
  });

  it('rejects an invalid body with the offending field and creates nothing', async () => {
    const api = await apiAs(`user-${randomUUID()}`);
    const before = await db.query('select count(*)::int as n from state');
    const response = await api.post('/tasks', { title: '   ', priority: 'whenever' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed' });
    const paths = problemPaths(response.body);
    expect(paths).toEqual(['priority', 'title']);
    const after = await db.query('select count(*)::int as n from state');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });
});
