import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { inTurn, TurnActor } from './turn.ts';

function actor() {
  const cleared: number[] = [];
  const stateManager = { clearCache: async () => void cleared.push(Date.now()) };
  return {
    cleared,
    getStateManager: () => stateManager as never,
  };
}

describe('inTurn', () => {
  it('runs the turns of one instance one after another, in call order', async () => {
    const instance = actor();
    const log: string[] = [];
    const turn = (name: string, ms: number) =>
      inTurn(instance, async () => {
        log.push(`${name} start`);
        await sleep(ms);
        log.push(`${name} end`);
        return name;
      });
    const results = await Promise.all([turn('a', 20), turn('b', 1), turn('c', 5)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets turns of different instances overlap', async () => {
    const log: string[] = [];
    const turn = (instance: ReturnType<typeof actor>, name: string, ms: number) =>
      inTurn(instance, async () => {
        log.push(`${name} start`);
        await sleep(ms);
        log.push(`${name} end`);
      });
    await Promise.all([turn(actor(), 'a', 20), turn(actor(), 'b', 1)]);
    expect(log.indexOf('b start')).toBeLessThan(log.indexOf('a end'));
  });

  it('drops the state cache when a turn throws, and the next turn still runs', async () => {
    const instance = actor();
    const failed = inTurn(instance, async () => {
      throw new Error('save failed');
    });
    const next = inTurn(instance, async () => 'ran');
    await expect(failed).rejects.toThrow('save failed');
    expect(await next).toBe('ran');
    expect(instance.cleared).toHaveLength(1);
  });

  it('keeps the cache of a turn that succeeds', async () => {
    const instance = actor();
    await inTurn(instance, async () => 1);
    expect(instance.cleared).toHaveLength(0);
  });
});

describe('TurnActor', () => {
  it('leaves saving to the turns: the SDK’s save after a method writes nothing', async () => {
    class Probe extends TurnActor {}
    const saved: unknown[] = [];
    // The SDK's own saveStateInternal would write what the state manager tracks as changed.
    const probe = Object.create(Probe.prototype) as Probe;
    Object.assign(probe, { stateManager: { saveState: async () => void saved.push('saved') } });
    await probe.saveStateInternal();
    await probe.onActorMethodPostInternal();
    expect(saved).toEqual([]);
  });
});
