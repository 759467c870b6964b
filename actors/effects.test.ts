import { describe, expect, it } from 'vitest';
import { envelope, runEffects, type Effect, type EffectRunner } from './effects.ts';

const publish = (n: number): Effect => ({
  kind: 'publish',
  topic: 'task-events',
  partitionKey: 'task-1',
  envelope: envelope(
    { type: 'task.created', data: { n } },
    {
      eventId: `00000000-0000-4000-8000-00000000000${n}`,
      occurredAt: '2026-11-26T10:00:00.000Z',
      userId: 'u1',
      taskId: 'task-1',
      version: n,
      correlationId: 'c1',
    },
  ),
});
const other = (n: number): Effect => {
  const effect = publish(n);
  return effect.kind === 'publish' ? { ...effect, topic: 'reminders' } : effect;
};
const versionOf = (effect: Effect) => (effect.kind === 'publish' ? effect.envelope.version : -1);

/** A runner that publishes one event at a time through `each`, as the single-publish API would. */
const oneByOne = (each: (effect: Effect) => Promise<void>): EffectRunner => ({
  run: each,
  async publish(_topic, lane) {
    let acknowledged = 0;
    for (const effect of lane) {
      try {
        await each(effect);
      } catch (error) {
        if (acknowledged === 0) throw error;
        return acknowledged;
      }
      acknowledged++;
    }
    return acknowledged;
  },
});

describe('runEffects', () => {
  it('runs everything in order and leaves nothing pending', async () => {
    const done: number[] = [];
    const result = await runEffects(
      [publish(1), publish(2), publish(3)],
      oneByOne(async (effect) => {
        done.push(versionOf(effect));
      }),
    );
    expect(done).toEqual([1, 2, 3]);
    expect(result.pending).toEqual([]);
  });

  it('hands a topic’s events to one publish call, in order, one call per topic', async () => {
    const calls: { topic: string; versions: number[] }[] = [];
    const result = await runEffects([publish(1), other(1), publish(2), publish(3), other(2)], {
      run: async () => {},
      async publish(topic, lane) {
        calls.push({ topic, versions: lane.map(versionOf) });
        return lane.length;
      },
    });
    expect(calls.sort((a, b) => a.topic.localeCompare(b.topic))).toEqual([
      { topic: 'reminders', versions: [1, 2] },
      { topic: 'task-events', versions: [1, 2, 3] },
    ]);
    expect(result.pending).toEqual([]);
  });

  it('keeps pending the first event the broker did not acknowledge and every later one', async () => {
    const result = await runEffects([publish(1), publish(2), publish(3), other(1)], {
      run: async () => {},
      // The bulk answer named event 2 as failed (3 may have gone out: it is published again).
      publish: async () => 1,
    });
    expect(result.pending.map(versionOf)).toEqual([2, 3]);
    expect(result.error).toBeInstanceOf(Error);
  });

  it('runs lanes side by side: a failing topic does not hold back another', async () => {
    const done: string[] = [];
    const result = await runEffects(
      [publish(1), other(1), publish(2), other(2), { kind: 'sync_reminders' }],
      oneByOne(async (effect) => {
        if (
          effect.kind === 'publish' &&
          effect.topic === 'task-events' &&
          effect.envelope.version === 1
        )
          throw new Error('down');
        done.push(
          effect.kind === 'publish' ? `${effect.topic}:${effect.envelope.version}` : effect.kind,
        );
      }),
    );
    expect(done.sort()).toEqual(['reminders:1', 'reminders:2', 'sync_reminders']);
    expect(result.pending.map(versionOf)).toEqual([1, 2]);
  });

  it('stops a lane at its first failure so that no later event overtakes an earlier one', async () => {
    const done: number[] = [];
    const failure = new Error('broker down');
    const result = await runEffects(
      [publish(1), publish(2), publish(3)],
      oneByOne(async (effect) => {
        if (versionOf(effect) === 2) throw failure;
        done.push(versionOf(effect));
      }),
    );
    expect(done).toEqual([1]);
    expect(result.pending.map(versionOf)).toEqual([2, 3]);
  });

  it('keeps the whole lane pending when the publish call fails', async () => {
    const failure = new Error('sidecar unreachable');
    const result = await runEffects([publish(1), publish(2)], {
      run: async () => {},
      publish: () => Promise.reject(failure),
    });
    expect(result.pending.map(versionOf)).toEqual([1, 2]);
    expect(result.error).toBe(failure);
  });
});

describe('envelope', () => {
  it('carries every field of the design’s envelope', () => {
    const effect = publish(1);
    expect(effect.kind === 'publish' && effect.envelope).toEqual({
      event_id: '00000000-0000-4000-8000-000000000001',
      schema_version: '1.0',
      event_type: 'task.created',
      occurred_at: '2026-11-26T10:00:00.000Z',
      user_id: 'u1',
      task_id: 'task-1',
      version: 1,
      correlation_id: 'c1',
      data: { n: 1 },
    });
  });
});
