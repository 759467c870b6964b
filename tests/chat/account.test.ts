import { describe, expect, it } from 'vitest';
import { World } from './world.ts';

/** The offline engine changes the profile's time zone with the set_time_zone tool. */
describe('offline chat: the user’s time zone', () => {
  it('“I’m in Tokyo this week” sets Asia/Tokyo and says the time there', async () => {
    const world = new World('Europe/Berlin');
    const turn = await world.say("I'm in Tokyo this week");
    expect(turn.calls.map((call) => [call.name, call.arguments, call.ok])).toEqual([
      ['set_time_zone', { time_zone: 'Asia/Tokyo' }, true],
    ]);
    // The clock is Thursday 2026-11-26 10:00Z: 19:00 in Tokyo.
    expect(turn.reply).toMatch(
      /^Your time zone is now Asia\/Tokyo: it’s 19:00 on Thu 26 Nov there/,
    );
    expect(world.zone).toBe('Asia/Tokyo');
    // The next message is read on the new clock.
    const added = await world.say('add call the office tomorrow at 9');
    expect(added.calls[0]!.arguments.due_at).toBe('2026-11-27T00:00:00.000Z');
  });

  it('takes an IANA name, and undo goes back to the zone before', async () => {
    const world = new World('Europe/Berlin');
    await world.say('change my time zone to Asia/Kolkata');
    expect(world.zone).toBe('Asia/Kolkata');
    const undone = await world.say('undo');
    expect(undone.calls.map((call) => [call.name, call.arguments])).toEqual([
      ['set_time_zone', { time_zone: 'Europe/Berlin' }],
    ]);
    expect(world.zone).toBe('Europe/Berlin');
  });

  it('asks rather than guesses, and writes nothing', async () => {
    const world = new World('Europe/Berlin');
    const country = await world.say('i am in australia this week');
    expect(country.calls).toEqual([]);
    expect(country.reply).toBe(
      'Which time zone in australia: Australia/Sydney, Australia/Brisbane, Australia/Adelaide, Australia/Perth?',
    );
    const unknown = await world.say('set my time zone to gotham');
    expect(unknown.calls).toEqual([]);
    expect(unknown.reply).toMatch(/^Which time zone is “gotham” in\?/);
  });
});
