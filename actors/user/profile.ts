import type { Profile, UpdateProfileInput } from '../../schemas/user.ts';

/** The profile a user has before they set anything. */
export const defaultProfile = (userId: string, now: string): Profile => ({
  user_id: userId,
  display_name: userId,
  email: null,
  email_verified: false,
  time_zone: 'UTC',
  notifications: { email: true },
  created_at: now,
  updated_at: now,
});

/**
 * Applies a partial update and says which fields it changed. A new address is unverified
 * until its owner follows the link mailed to it; setting the same address again keeps its state.
 */
export const updateProfile = (
  profile: Profile,
  patch: UpdateProfileInput,
  now: string,
): { profile: Profile; changed: string[] } => {
  const changed = (Object.keys(patch) as (keyof UpdateProfileInput)[]).filter(
    (field) => JSON.stringify(patch[field]) !== JSON.stringify(profile[field]),
  );
  const emailChanged = changed.includes('email');
  return {
    profile: {
      ...profile,
      ...patch,
      email_verified: emailChanged ? false : profile.email_verified,
      updated_at: now,
    },
    changed,
  };
};

/**
 * Marks the address verified, if the link was mailed to the address the profile still has: a
 * link to an address the user has since replaced proves nothing about the current one.
 */
export const confirmEmail = (
  profile: Profile,
  email: string,
  now: string,
): { ok: true; profile: Profile } | { ok: false } => {
  if (profile.email === null || profile.email !== email) return { ok: false };
  if (profile.email_verified) return { ok: true, profile };
  return { ok: true, profile: { ...profile, email_verified: true, updated_at: now } };
};
