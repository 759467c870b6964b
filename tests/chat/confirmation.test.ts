import { describe, expect, it } from 'vitest';
import { World } from './world.ts';

/** The offline engine answers a pending change with the shared yes/no of gateway/chat/confirmation.ts. */
describe('offline chat: a pending change and the next message', () => {
  const seeds = [
    { title: 'Milk', tags: ['shopping'] },
    { title: 'Eggs', tags: ['shopping'] },
  ];

  it('“ok google add bread” is not a yes: it drops the pending delete and adds bread', async () => {
    const world = await World.seeded(seeds);
    const asked = await world.say('delete my shopping list');
    expect(asked.state.pending?.name).toBe('delete_task');
    const turn = await world.say('ok google add bread');
    expect(turn.calls.map((call) => [call.name, call.arguments.title])).toEqual([
      ['add_task', 'Bread'],
    ]);
    expect(turn.state.pending).toBeUndefined();
    expect((await world.say('yes')).calls).toEqual([]);
  });

  it('a plain yes runs it, and undo takes it back', async () => {
    const world = await World.seeded(seeds);
    await world.say('delete my shopping list');
    const yes = await world.say('Yes, do it!');
    expect(yes.calls.map((call) => call.name)).toEqual(['delete_task', 'delete_task']);
    expect(yes.reply).toMatch(/^Done: Deleted “Milk”; Deleted “Eggs”\.$/);
    const undone = await world.say('undo');
    expect(undone.calls.map((call) => call.name)).toEqual(['add_task', 'add_task']);
  });

  it('a no leaves everything', async () => {
    const world = await World.seeded(seeds);
    await world.say('delete my shopping list');
    const no = await world.say('no, keep them');
    expect(no.calls).toEqual([]);
    expect(no.reply).toBe('Okay, I left everything as it was.');
  });
});
