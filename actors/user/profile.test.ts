import { describe, expect, it } from 'vitest';
import { defaultProfile, updateProfile } from './profile.ts';

const now = '2026-11-26T10:00:00.000Z';

describe('user profile', () => {
  it('defaults to UTC and e-mail notifications on', () => {
    expect(defaultProfile('u1', now)).toMatchObject({
      user_id: 'u1',
      time_zone: 'UTC',
      notifications: { email: true },
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
});
