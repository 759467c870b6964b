import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../../schemas/reminder.ts';
import type { Task } from '../../../schemas/task.ts';
import { priorityWord, reminderToSnooze, skipRule, snoozeRule } from './change-rules.ts';

const reminder = (id: string, fire_at: string | null, fired_at: string | null): Reminder => ({
  id,
  offset: null,
  at: fire_at,
  fire_at,
  fired_at,
});
const now = new Date('2026-11-26T10:00:00Z');

describe('changing tasks', () => {
  it('snoozes the reminder that fired last, else the next one', () => {
    const fired = reminder('a', '2026-11-26T09:00:00Z', '2026-11-26T09:00:00Z');
    const next = reminder('b', '2026-11-27T09:00:00Z', null);
    const later = reminder('c', '2026-11-28T09:00:00Z', null);
    expect(reminderToSnooze({ reminders: [later, fired, next] } as Task, now)?.id).toBe('a');
    expect(reminderToSnooze({ reminders: [later, next] } as Task, now)?.id).toBe('b');
    expect(reminderToSnooze({ reminders: [] } as unknown as Task, now)).toBeUndefined();
  });

  it('reads the task and the time of a snooze and a skip', () => {
    expect('snooze the dentist reminder for an hour'.match(snoozeRule[0])?.slice(1, 4)).toEqual([
      'dentist',
      'an',
      'hour',
    ]);
    expect('snooze milk until tomorrow at 9'.match(snoozeRule[0])?.[4]).toBe('tomorrow at 9');
    expect('skip the gym this week'.match(skipRule[0])?.[1]).toBe('the gym');
  });

  it('reads priority words', () => {
    expect(priorityWord('Normal')).toBe('medium');
    expect(priorityWord('top')).toBe('urgent');
  });
});
