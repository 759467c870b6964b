import { describe, expect, it } from 'vitest';
import { envelope, flushOutbox, type OutboxEntry } from './outbox.ts';

const entry = (n: number): OutboxEntry => ({
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

describe('flushOutbox', () => {
  it('publishes everything in order and leaves nothing pending', async () => {
    const published: number[] = [];
    const remaining = await flushOutbox([entry(1), entry(2), entry(3)], async (e) => {
      published.push(e.envelope.version);
    });
    expect(published).toEqual([1, 2, 3]);
    expect(remaining).toEqual([]);
  });

  it('stops at the first failure so that no later event overtakes an earlier one', async () => {
    const published: number[] = [];
    const remaining = await flushOutbox([entry(1), entry(2), entry(3)], async (e) => {
      if (e.envelope.version === 2) throw new Error('broker down');
      published.push(e.envelope.version);
    });
    expect(published).toEqual([1]);
    expect(remaining.map((e) => e.envelope.version)).toEqual([2, 3]);
  });
});

describe('envelope', () => {
  it('carries every field of the design’s envelope', () => {
    expect(entry(1).envelope).toEqual({
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
