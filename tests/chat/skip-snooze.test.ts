import { describe, expect, it } from 'vitest';
import { World } from './world.ts';

/** Skip and snooze, said the way people say them. The clock: Thu 2026-11-26 11:00 in Berlin. */
describe('offline chat: skip and snooze', () => {
  it('“skip the gym this week” skips this occurrence of the series', async () => {
    const world = await World.seeded([
      { title: 'Gym', due_at: '2026-11-26T17:00:00Z', daily: true },
    ]);
    const turn = await world.say('skip the gym this week');
    expect(turn.calls.map((call) => [call.name, call.ok])).toEqual([['skip_task', true]]);
    expect(turn.calls[0]!.arguments.task_id).toBe(world.byTitle.get('Gym')!.id);
  });

  it('“snooze the dentist reminder for an hour” snoozes its reminder, not the due time', async () => {
    const world = await World.seeded([
      { title: 'Dentist appointment', due_at: '2026-11-27T09:30:00Z' },
    ]);
    await world.say('remind me 30 minutes before the dentist appointment');
    const turn = await world.say('snooze the dentist reminder for an hour');
    expect(turn.calls.map((call) => [call.name, call.arguments])).toEqual([
      [
        'snooze_reminder',
        {
          task_id: world.byTitle.get('Dentist appointment')!.id,
          reminder_id: 'offset:-PT30M',
          for: 'PT1H',
        },
      ],
    ]);
    expect(turn.calls[0]!.ok).toBe(true);
    // Not yet fired: the reminder moves to an hour from now.
    expect(turn.reply).toBe(
      'Snoozed the reminder of “Dentist appointment” — until today at 12:00.',
    );
  });

  it('asks for how long, and says when there is nothing to snooze', async () => {
    const world = await World.seeded([
      { title: 'Dentist appointment', due_at: '2026-11-27T09:30:00Z' },
      { title: 'Milk' },
    ]);
    expect((await world.say('snooze milk for 10 minutes')).reply).toBe(
      '“Milk” has no reminder to snooze.',
    );
    await world.say('remind me 30 minutes before the dentist appointment');
    const vague = await world.say('snooze the dentist reminder');
    expect(vague.calls).toEqual([]);
    expect(vague.reply).toMatch(/^For how long should I snooze/);
  });
});

describe('offline chat: a task named with its day', () => {
  it('“remind me one hour before the meeting i have tomorrow” finds tomorrow’s meeting', async () => {
    const world = await World.seeded([
      { title: 'Team meeting', due_at: '2026-11-26T16:00:00Z' },
      { title: 'Meeting with John', due_at: '2026-11-27T14:00:00Z' },
    ]);
    const turn = await world.say(
      'please remind me one hour before the meeting i have tomorrow morning',
    );
    expect(turn.calls.map((call) => [call.name, call.arguments.task_id])).toEqual([
      ['set_reminder', world.byTitle.get('Meeting with John')!.id],
    ]);
  });
});
