import { describe, expect, it } from 'vitest';
import { World } from './world.ts';

/** Removals that name a kind, a day or a time: only what they name is asked about. */
describe('offline chat: removing what the words name', () => {
  const seeds = [
    { title: 'Team meeting', due_at: '2026-11-26T16:00:00Z' },
    { title: 'Meeting with John', due_at: '2026-11-27T14:00:00Z' },
    { title: 'Dentist appointment', due_at: '2026-11-27T09:30:00Z' },
    { title: 'Project review meeting', due_at: '2026-12-01T13:00:00Z' },
  ];
  const pendingTitles = (world: World, turn: Awaited<ReturnType<World['say']>>) =>
    turn.state.pending?.calls.map(
      (args) => world.service.states.get(String(args.task_id))!.task.title,
    );

  it('“remove all my meetings for the rest of the week”: the meetings of this week only', async () => {
    const world = await World.seeded(seeds);
    const turn = await world.say('remove all my meetings for the rest of the week');
    expect(pendingTitles(world, turn)).toEqual(['Team meeting', 'Meeting with John']);
  });

  it('“my event at one pm today”: only what is at that time', async () => {
    const world = await World.seeded(seeds);
    const none = await world.say('remove my calendar event at one pm today');
    expect(none.state.pending).toBeUndefined();
    expect(none.reply).toBe('I can’t find anything to remove there.');
    const found = await world.say('remove my calendar event at 5 pm today');
    expect(pendingTitles(world, found)).toEqual(['Team meeting']);
  });

  it('“all of my weekend events with evan parker”: nothing when no one is Evan Parker', async () => {
    const world = await World.seeded(seeds);
    const turn = await world.say('delete all of my events with evan parker');
    expect(turn.state.pending).toBeUndefined();
    expect(turn.calls).toEqual([]);
  });
});
