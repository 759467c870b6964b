import { setTimeout as sleep } from 'node:timers/promises';
import { ActorId, CommunicationProtocolEnum, DaprClient } from '@dapr/dapr';
import { describe, expect, it } from 'vitest';
import { inTurn, TurnActor } from './turn.ts';

function actor() {
  const cleared: number[] = [];
  return { cleared, forgetState: async () => void cleared.push(Date.now()) };
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

  it('forgets the cached state when a turn throws, and the next turn still runs', async () => {
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

/** A TurnActor on a real SDK base, over a store that counts its reads. */
function probe(initial: Record<string, string> = {}) {
  const saved = new Map(Object.entries(initial));
  let reads = 0;
  class Probe extends TurnActor {
    protected readonly stateStore = {
      getActorState: async (_type: string, _id: string, key: string) => {
        reads++;
        return saved.get(key);
      },
      saveActorState: async (_type: string, _id: string, changes: ReadonlyMap<string, unknown>) =>
        void changes.forEach((value, key) => saved.set(key, String(value))),
    };
    get(key: string) {
      return this.read<string>(key);
    }
  }
  const client = new DaprClient({
    daprHost: '127.0.0.1',
    daprPort: '9',
    communicationProtocol: CommunicationProtocolEnum.HTTP,
  });
  return { instance: new Probe(client, new ActorId('probe')), saved, reads: () => reads };
}

describe('TurnActor', () => {
  it('leaves saving to the turns: the SDK’s save after a method writes nothing', async () => {
    const { instance, saved } = probe();
    let wrote = false;
    Object.assign(instance, { stateManager: { saveState: async () => void (wrote = true) } });
    await instance.onActorMethodPostInternal();
    expect(wrote).toBe(false);
    expect(saved.size).toBe(0);
  });

  it('reads a key once per activation, and again after a failed turn', async () => {
    const { instance, saved, reads } = probe({ task: 'v1' });
    expect(await instance.get('task')).toBe('v1');
    expect(await instance.get('task')).toBe('v1');
    expect(reads()).toBe(1);
    saved.set('task', 'v2 (what the store really holds)');
    await inTurn(instance, async () => {
      throw new Error('save failed');
    }).catch(() => undefined);
    expect(await instance.get('task')).toBe('v2 (what the store really holds)');
    await instance.resetStateInternal();
    await instance.get('task');
    expect(reads()).toBe(3);
  });
});
