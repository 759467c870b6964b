import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../schemas/user.ts';
import { confirmEmail, defaultProfile, updateProfile } from './profile.ts';

const now = '2026-11-26T10:00:00.000Z';
const later = '2026-11-27T00:00:00.000Z';
const verified = {
  ...defaultProfile('u1', now),
  email: 'ada@example.test',
  email_verified: true,
};

describe('user profile', () => {
  it('defaults to UTC, e-mail notifications on and no verified address', () => {
    expect(defaultProfile('u1', now)).toMatchObject({
      user_id: 'u1',
      time_zone: 'UTC',
      notifications: { email: true },
      email: null,
      email_verified: false,
    });
  });

  it('applies a partial update and names what changed', () => {
    const { profile, changed } = updateProfile(
      defaultProfile('u1', now),
      { time_zone: 'Europe/Berlin', display_name: 'u1' },
      later,
    );
    expect(profile).toMatchObject({
      time_zone: 'Europe/Berlin',
      display_name: 'u1',
      updated_at: later,
      created_at: now,
    });
    expect(changed).toEqual(['time_zone']);
  });

  it('a new address is unverified; the same address again keeps its state', () => {
    const changed = updateProfile(verified, { email: 'grace@example.test' }, later);
    expect(changed.profile).toMatchObject({ email: 'grace@example.test', email_verified: false });
    expect(changed.changed).toEqual(['email']);
    const same = updateProfile(verified, { email: 'ada@example.test' }, later);
    expect(same.profile.email_verified).toBe(true);
    expect(same.changed).toEqual([]);
  });

  it('confirms only the address the profile still has', () => {
    const unverified = { ...verified, email_verified: false };
    const confirmed = confirmEmail(unverified, 'ada@example.test', later);
    expect(confirmed).toEqual({
      ok: true,
      profile: { ...unverified, email_verified: true, updated_at: later },
    });
    expect(confirmEmail(unverified, 'old@example.test', later)).toEqual({ ok: false });
    expect(confirmEmail({ ...unverified, email: null }, 'ada@example.test', later)).toEqual({
      ok: false,
    });
  });

  it('reads a profile saved before verification existed as unverified', () => {
    const { email_verified: _, ...saved } = verified;
    expect(profileSchema.parse(saved).email_verified).toBe(false);
  });
});
