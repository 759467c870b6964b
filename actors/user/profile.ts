import type { Profile, UpdateProfileInput } from '../../schemas/user.ts';

/** The profile a user has before they set anything. */
export const defaultProfile = (userId: string, now: string): Profile => ({
  user_id: userId,
  display_name: userId,
  email: null,
  time_zone: 'UTC',
  notifications: { email: true },
  created_at: now,
  updated_at: now,
});

export const updateProfile = (
  profile: Profile,
  patch: UpdateProfileInput,
  now: string,
): Profile => ({
  ...profile,
  ...patch,
  updated_at: now,
});
