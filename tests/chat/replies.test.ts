import { describe, expect, it } from 'vitest';
import { World } from './world.ts';

/** What the offline engine says, for users far from UTC: their clock, never an instant. */
describe('offline chat replies in the user’s zone', () => {
  const noInstant = /UTC|\d{4}-\d{2}-\d{2}T|\.000Z/;

  it('confirms a new task with its time on a Chicago clock', async () => {
    const world = new World('America/Chicago');
    const turn = await world.say('add call the bank tomorrow at 9');
    expect(turn.reply).toBe('Added “Call the bank” — tomorrow at 09:00.');
  });

  it('lists tasks grouped by day on a Berlin clock', async () => {
    const world = await World.seeded([
      { title: 'Buy milk', due_at: '2026-11-27T16:00:00Z' },
      { title: 'Team meeting', due_at: '2026-11-26T16:00:00Z' },
    ]);
    const turn = await world.say('show my tasks');
    expect(turn.reply).toBe(
      '2 tasks:\nToday\n• Team meeting — 17:00\nTomorrow\n• Buy milk — 17:00',
    );
    expect(turn.reply).not.toMatch(noInstant);
  });

  it('says a yearly rule and its first day when a birthday is added', async () => {
    const world = new World('Asia/Tokyo');
    const turn = await world.say("add mom's birthday on may 3");
    expect(turn.reply).toBe("Added “Mom's birthday” — Mon 3 May 2027, 09:00, yearly.");
  });

  it('takes the last change back with undo, once', async () => {
    const world = await World.seeded([{ title: 'Quarterly report' }]);
    await world.say('make the report urgent');
    const undone = await world.say('undo');
    expect(undone.calls.map((call) => [call.name, call.arguments.priority])).toEqual([
      ['update_task', 'medium'],
    ]);
    expect((await world.say('undo')).reply).toBe('There is nothing to undo in this conversation.');
  });
});
