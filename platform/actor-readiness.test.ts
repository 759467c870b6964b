import { describe, expect, it } from 'vitest';
import { actorCallsServable } from './actor-readiness.ts';

describe('actor readiness', () => {
  it('is ready when an actor answers, even with a refusal of the probe', async () => {
    const calls: unknown[][] = [];
    const ready = actorCallsServable({
      invokeActor: async (...args: unknown[]) => {
        calls.push(args);
        return { ok: false, error: { code: 'invalid_call' } };
      },
    });
    expect(await ready()).toBe(true);
    expect(calls[0]?.slice(0, 3)).toEqual(['UserActor', 'readiness-probe', 'getProfile']);
    expect(calls[0]?.[4]).toBe(1_500);
  });

  it('is not ready when the call fails or times out', async () => {
    const failing = actorCallsServable({
      invokeActor: () => Promise.reject(new Error('did not find address for actor')),
    });
    expect(await failing()).toBe(false);
  });
});
