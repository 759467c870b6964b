import { describe, expect, it } from 'vitest';
import { envelope, runEffects, type Effect } from './effects.ts';

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
const versionOf = (effect: Effect) => (effect.kind === 'publish' ? effect.envelope.version : -1);

describe('runEffects', () => {
  it('runs everything in order and leaves nothing pending', async () => {
    const done: number[] = [];
    const result = await runEffects([publish(1), publish(2), publish(3)], async (effect) => {
      done.push(versionOf(effect));
    });
    expect(done).toEqual([1, 2, 3]);
    expect(result.pending).toEqual([]);
  });

  it('runs lanes side by side: a failing topic does not hold back another', async () => {
    const other = (n: number): Effect => {
      const effect = publish(n);
      return effect.kind === 'publish' ? { ...effect, topic: 'task-updates' } : effect;
    };
    const done: string[] = [];
    const result = await runEffects(
      [publish(1), other(1), publish(2), other(2), { kind: 'sync_reminders' }],
      async (effect) => {
        if (
          effect.kind === 'publish' &&
          effect.topic === 'task-events' &&
          effect.envelope.version === 1
        )
          throw new Error('down');
        done.push(
          effect.kind === 'publish' ? `${effect.topic}:${effect.envelope.version}` : effect.kind,
        );
      },
    );
    expect(done.sort()).toEqual(['sync_reminders', 'task-updates:1', 'task-updates:2']);
    expect(result.pending.map(versionOf)).toEqual([1, 2]);
  });

  it('stops a lane at its first failure so that no later event overtakes an earlier one', async () => {
    const done: number[] = [];
    const failure = new Error('broker down');
    const result = await runEffects([publish(1), publish(2), publish(3)], async (effect) => {
      if (versionOf(effect) === 2) throw failure;
      done.push(versionOf(effect));
    });
    expect(done).toEqual([1]);
    expect(result.pending.map(versionOf)).toEqual([2, 3]);
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
