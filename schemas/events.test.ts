import { describe, expect, it } from 'vitest';
import { taskSnapshot } from '../tests/support/fixtures.ts';
import { parseKnownEvent } from './events.ts';

const task = taskSnapshot({
  id: '0b6f7a4e-3f0a-4c55-9a8e-2d7a4f1c9e11',
  user_id: 'u1',
  title: 'Buy milk',
});
const event = {
  event_id: '7d0c2f3a-9b1e-4c8d-a6f5-1e2d3c4b5a69',
  schema_version: '1.0',
  event_type: 'task.created',
  occurred_at: '2026-11-26T10:00:00.000Z',
  user_id: 'u1',
  task_id: task.id,
  version: 1,
  correlation_id: 'c1',
  data: { task },
};

describe('parseKnownEvent', () => {
  it('accepts a valid event and ignores fields it does not know', () => {
    const result = parseKnownEvent({ ...event, producer: 'somebody-new' });
    expect(result.ok).toBe(true);
  });

  it.each([
    ['a missing event_id', { ...event, event_id: undefined }],
    ['another schema version', { ...event, schema_version: '2.0' }],
    ['an unknown event type', { ...event, event_type: 'task.exploded' }],
    [
      'data that does not match its type',
      { ...event, data: { task: { ...task, status: 'done' } } },
    ],
    ['a non-object', 'hello'],
  ])('rejects %s', (_name, input) => {
    expect(parseKnownEvent(input).ok).toBe(false);
  });
});
