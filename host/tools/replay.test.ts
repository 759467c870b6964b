import { describe, expect, it } from 'vitest';
import { envelopeFor, taskSnapshot } from '../../tests/support/fixtures.ts';
import { planReplay } from './replay.ts';

const event = envelopeFor(
  'task.created',
  taskSnapshot({ id: '0b6f7a4e-3f0a-4c55-9a8e-2d7a4f1c9e11', user_id: 'u1' }),
);

describe('planReplay', () => {
  it('takes the original event and topic of our dead letters', () => {
    expect(
      planReplay({
        reason: 'handler_failed',
        topic: 'task-events',
        payload: { original: { id: 'ce', data: event } },
      }),
    ).toEqual({ ok: true, topic: 'task-events', event });
  });

  it('takes an event written to the topic without a CloudEvent around it', () => {
    expect(
      planReplay({ reason: 'handler_failed', topic: 'task-events', payload: { original: event } }),
    ).toEqual({ ok: true, topic: 'task-events', event });
  });

  it('finds the topic of a bare event from its type', () => {
    expect(planReplay({ reason: 'retries_exhausted', topic: null, payload: event })).toMatchObject({
      ok: true,
      topic: 'task-events',
    });
  });

  it('does not replay contract violations or unreadable letters', () => {
    expect(
      planReplay({
        reason: 'schema_mismatch',
        topic: 'task-events',
        payload: { original: { data: event } },
      }).ok,
    ).toBe(false);
    expect(
      planReplay({
        reason: 'handler_failed',
        topic: 'task-events',
        payload: { original: { data: { nope: 1 } } },
      }).ok,
    ).toBe(false);
  });
});
