import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { sidecarClient } from '../../stack/sidecar-client.ts';
import { PUBSUB_NAME, topics } from '../../schemas/events.ts';
import type { Task } from '../../schemas/task.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { envelopeFor, taskSnapshot } from '../support/fixtures.ts';

const stack = inject('stack');
const db = testDatabase();
// As the actor host: only it may publish the task topics (pub/sub scopes).
const publisher = sidecarClient(stack, 'todo-actors');

const snapshot = (id: string, userId: string, version: number, title: string): Task =>
  taskSnapshot({
    id,
    user_id: userId,
    version,
    title,
    updated_at: `2026-11-26T10:00:0${version}.000Z`,
  });

const event = (type: string, task: Task) =>
  envelopeFor(type, task, type === 'task.updated' ? { task, changed: ['title'] } : { task });

const publish = (payload: ReturnType<typeof event>, partitionKey = randomUUID()) =>
  publisher.publish(PUBSUB_NAME, topics.taskEvents, payload, { partitionKey });

async function rowOf(id: string) {
  const { rows } = await db.query<{ version: number; title: string; deleted: boolean }>(
    'select version, title, deleted from task_view where id = $1',
    [id],
  );
  return rows[0];
}

describe('the task_view projection', () => {
  it('converges on the newest version whatever the order and however often events arrive', async () => {
    const id = randomUUID();
    const events = [
      event('task.created', snapshot(id, 'p-user', 1, 'v1')),
      event('task.updated', snapshot(id, 'p-user', 2, 'v2')),
      event('task.updated', snapshot(id, 'p-user', 3, 'v3')),
      event('task.updated', snapshot(id, 'p-user', 4, 'v4')),
    ];
    // Each event on a random partition key: Kafka gives no order between them.
    for (const payload of [
      events[3]!,
      events[0]!,
      events[3]!,
      events[1]!,
      events[2]!,
      events[0]!,
      events[2]!,
    ])
      await publish(payload);
    const row = await eventually('version 4', async () => {
      const current = await rowOf(id);
      return current?.version === 4 ? current : undefined;
    });
    expect(row).toEqual({ version: 4, title: 'v4', deleted: false });
  });

  it('keeps a deleted task deleted when an older event arrives after the deletion', async () => {
    const id = randomUUID();
    const created = event('task.created', snapshot(id, 'p-user', 1, 'v1'));
    const deleted = event('task.deleted', snapshot(id, 'p-user', 2, 'gone'));
    await publish(deleted);
    await eventually('the tombstone', async () => ((await rowOf(id))?.deleted ? true : undefined));
    // The late event, then a marker on the same partition: once the marker is projected, the
    // projector has consumed the late event too.
    const partition = randomUUID();
    await publish(created, partition);
    const marker = randomUUID();
    await publish(event('task.created', snapshot(marker, 'p-user', 1, 'marker')), partition);
    await eventually('the marker', async () => ((await rowOf(marker)) ? true : undefined));
    expect(await rowOf(id)).toEqual({ version: 2, title: 'gone', deleted: true });
  });
});
