import { describe, expect, it } from 'vitest';
import { ActorState } from './actor-state.ts';

function store(initial: Record<string, unknown> = {}) {
  const saved = new Map(Object.entries(initial));
  const calls = { reads: 0, saves: [] as [string, unknown][][] };
  let failNextSave = false;
  return {
    saved,
    calls,
    failNextSave: () => void (failNextSave = true),
    getActorState: async (_type: string, _id: string, key: string) => {
      calls.reads++;
      return saved.get(key);
    },
    saveActorState: async (_type: string, _id: string, changes: ReadonlyMap<string, unknown>) => {
      if (failNextSave) {
        failNextSave = false;
        throw new Error('state store unavailable');
      }
      calls.saves.push([...changes]);
      for (const [key, value] of changes) saved.set(key, value);
    },
  };
}

describe('ActorState', () => {
  it('reads each key once, absent keys included', async () => {
    const backing = store({ task: { version: 1 } });
    const state = new ActorState(backing, 'TaskActor', 't1');
    expect(await state.get('task')).toEqual({ version: 1 });
    expect(await state.get('task')).toEqual({ version: 1 });
    expect(await state.get('effects')).toBeUndefined();
    expect(await state.get('effects')).toBeUndefined();
    expect(backing.calls.reads).toBe(2);
  });

  it('answers keys assumed absent without asking the store, and keeps what it knows', async () => {
    const backing = store({ effects: ['kept'], registered: ['r'] });
    const state = new ActorState(backing, 'TaskActor', 't1');
    expect(await state.get('effects')).toEqual(['kept']);
    state.set('retry', true);
    state.assumeAbsent(['effects', 'retry', 'registered']);
    expect(await state.get('effects')).toEqual(['kept']);
    expect(await state.get('retry')).toBe(true);
    expect(await state.get('registered')).toBeUndefined();
    expect(backing.calls.reads).toBe(1);
  });

  it('writes without reading, and saves the changes of a turn in one transaction', async () => {
    const backing = store();
    const state = new ActorState(backing, 'TaskActor', 't1');
    state.set('task', { version: 1 });
    state.set('effects', [{ kind: 'publish' }]);
    expect(await state.get('task')).toEqual({ version: 1 });
    await state.save();
    expect(backing.calls.reads).toBe(0);
    expect(backing.calls.saves).toEqual([
      [
        ['task', { version: 1 }],
        ['effects', [{ kind: 'publish' }]],
      ],
    ]);
    await state.save();
    expect(backing.calls.saves).toHaveLength(1);
  });

  it('keeps a failed save unsaved; forget makes the store the truth again', async () => {
    const backing = store({ task: { version: 1 } });
    const state = new ActorState(backing, 'TaskActor', 't1');
    await state.get('task');
    state.set('task', { version: 2 });
    backing.failNextSave();
    await expect(state.save()).rejects.toThrow('unavailable');
    state.forget();
    expect(await state.get('task')).toEqual({ version: 1 });
    expect(backing.saved.get('task')).toEqual({ version: 1 });
  });
});
