import { describe, expect, it } from 'vitest';
import { topics } from '../../schemas/events.ts';
import { eventually } from '../support/eventually.ts';
import { collectTopic, type RawMessage } from '../support/kafka.ts';
import { useOwnStack } from '../support/own-stack.ts';

// Two actor hosts: a user's UserActor lives on one, their TaskActors on both.
const own = useOwnStack('actor-turn', () => ({}), { actorHosts: 2 });

/** A counter of the Dapr client's calls by operation, summed over the actor hosts. */
async function sidecarCalls(operation: string): Promise<number> {
  const { apps } = own.stack().info;
  let total = 0;
  for (const name of ['todo-actors-1', 'todo-actors-2'] as const) {
    const text = await (await fetch(`http://127.0.0.1:${apps[name].appPort}/metrics`)).text();
    for (const line of text.split('\n')) {
      if (
        line.startsWith('dapr_client_request_duration_seconds_count{') &&
        line.includes(`operation="${operation}"`)
      )
        total += Number(line.split(' ').pop());
    }
  }
  return total;
}

/** The envelopes of one task on a topic, in the order Kafka holds them, with their keys. */
const ofTask = (messages: RawMessage[], taskId: string) =>
  messages
    .map((message) => ({
      key: message.key,
      envelope: (JSON.parse(message.value) as { data: { task_id: string; version: number } }).data,
    }))
    .filter(({ envelope }) => envelope.task_id === taskId);

/** Every publish call of the actor hosts, plain and bulk, whatever the topic. */
const publishCalls = async () =>
  (
    await Promise.all(
      ['task-events', 'reminders', 'dlq-events'].flatMap((topic) => [
        sidecarCalls(`publish:${topic}`),
        sidecarCalls(`publish-bulk:${topic}`),
      ]),
    )
  ).reduce((sum, calls) => sum + calls, 0);

describe('one publish call per turn', () => {
  it('publishes a create once: one call, to task-events, which every consumer reads', async () => {
    const api = await own.api('turn-one-publish');
    const before = await publishCalls();
    const plainBefore = await sidecarCalls('publish:task-events');
    expect((await api('POST', '/tasks', { title: 'Call the plumber' })).status).toBe(201);
    expect(await publishCalls()).toBe(before + 1);
    expect(await sidecarCalls('publish:task-events')).toBe(plainBefore + 1);
  });

  it('publishes the events of a turn in one bulk call, in order, keyed by the task', async () => {
    const events = await collectTopic(topics.taskEvents, own.stack().info.kafkaBrokers);
    try {
      const api = await own.api('turn-bulk');
      const created = await api('POST', '/tasks', { title: 'Water the plants' });
      expect(created.status).toBe(201);
      const id = String(created.body!.id);
      const bulkBefore = await sidecarCalls('publish-bulk:task-events');
      // One turn, two events: the rename and the completion.
      const patched = await api('PATCH', `/tasks/${id}`, {
        title: 'Water the ferns',
        status: 'completed',
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body).toMatchObject({ version: 3, status: 'completed' });
      expect(await sidecarCalls('publish-bulk:task-events')).toBe(bulkBefore + 1);

      const received = await eventually('the three events in Kafka', async () => {
        const found = ofTask(events.messages, id);
        return found.length >= 3 ? found : undefined;
      });
      expect(received.map(({ envelope }) => envelope.version)).toEqual([1, 2, 3]);
      expect(new Set(received.map(({ key }) => key))).toEqual(new Set([id]));
    } finally {
      await events.stop();
    }
  });
});

describe('the user’s zone on create, without asking the UserActor each time', () => {
  it('creates in the zone just set, on both actor hosts, round after round', async () => {
    const api = await own.api('turn-zones');
    const createIn = async () => {
      const created = await api('POST', '/tasks', { title: 'in my zone' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body!.time_zone;
    };
    for (const zone of ['Europe/Paris', 'Asia/Tokyo', 'America/Lima', 'Europe/Paris']) {
      // Leases on the zone before are fresh on the hosts when it changes.
      await Promise.all(Array.from({ length: 4 }, createIn));
      const patched = await api('PATCH', '/me', { time_zone: zone });
      expect(patched.status).toBe(200);
      // New tasks, spread over both hosts by their ids, all in the new zone at once.
      expect(await Promise.all(Array.from({ length: 6 }, createIn))).toEqual(Array(6).fill(zone));
    }
  });

  it('asks the UserActor for the zone far less often than once per create', async () => {
    const api = await own.api('turn-lease');
    const before = await sidecarCalls('actor:UserActor.getProfile');
    const creates = 12;
    for (let i = 0; i < creates; i++)
      expect((await api('POST', '/tasks', { title: `task ${i}` })).status).toBe(201);
    expect(await sidecarCalls('actor:UserActor.getProfile')).toBeLessThanOrEqual(
      before + creates / 2,
    );
  });
});
