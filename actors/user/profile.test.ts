import { describe, expect, it } from 'vitest';
import {
  countEvent,
  defaultProfile,
  rememberEvent,
  SEEN_EVENTS_LIMIT,
  updateProfile,
} from './profile.ts';

const now = '2026-11-26T10:00:00.000Z';

describe('user profile', () => {
  it('defaults to UTC, e-mail notifications on, zero counters', () => {
    expect(defaultProfile('u1', now)).toMatchObject({
      user_id: 'u1',
      time_zone: 'UTC',
      notifications: { email: true },
      counters: { tasks_created: 0 },
    });
  });

  it('applies a partial update', () => {
    const updated = updateProfile(
      defaultProfile('u1', now),
      { time_zone: 'Europe/Berlin' },
      '2026-11-27T00:00:00.000Z',
    );
    expect(updated).toMatchObject({
      time_zone: 'Europe/Berlin',
      display_name: 'u1',
      updated_at: '2026-11-27T00:00:00.000Z',
      created_at: now,
    });
  });

  it('counts occurrences as created tasks', () => {
    let profile = defaultProfile('u1', now);
    profile = countEvent(profile, 'task.created');
    profile = countEvent(profile, 'task.occurrence_created');
    profile = countEvent(profile, 'task.completed');
    expect(profile.counters).toEqual({ tasks_created: 2, tasks_completed: 1, tasks_deleted: 0 });
  });

  it('remembers a bounded window of event ids', () => {
    let seen: string[] = [];
    for (let i = 0; i < SEEN_EVENTS_LIMIT + 10; i++) seen = rememberEvent(seen, `e${i}`);
    expect(seen).toHaveLength(SEEN_EVENTS_LIMIT);
    expect(seen[0]).toBe('e10');
  });
});
