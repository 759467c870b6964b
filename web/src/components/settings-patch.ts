import type { UpdateProfileInput } from '../../../schemas/user.ts';

/** What the settings form shows and edits of the profile. */
export interface SettingsForm {
  display_name: string;
  /** Empty when the profile has no address. */
  email: string;
  time_zone: string;
  email_notifications: boolean;
}

/** The profile as GET /me answers it, the part the settings form reads. */
export interface SettingsProfile {
  display_name: string;
  email: string | null;
  email_verified: boolean;
  time_zone: string;
  notifications: { email: boolean };
}

export const settingsForm = (profile: SettingsProfile): SettingsForm => ({
  display_name: profile.display_name,
  email: profile.email ?? '',
  time_zone: profile.time_zone,
  email_notifications: profile.notifications.email,
});

/**
 * The PATCH /me body of the fields the person changed, and only those: a save that changes
 * nothing sends nothing, and a field the form does not touch is never overwritten. Surrounding
 * blanks and a zone's letter case are not changes (the server trims and canonicalises).
 */
export function settingsPatch(profile: SettingsProfile, form: SettingsForm): UpdateProfileInput {
  const patch: UpdateProfileInput = {};
  const name = form.display_name.trim();
  if (name !== profile.display_name) patch.display_name = name;
  const email = form.email.trim();
  if (email !== (profile.email ?? '')) patch.email = email === '' ? null : email;
  const zone = form.time_zone.trim();
  if (zone.toLowerCase() !== profile.time_zone.toLowerCase()) patch.time_zone = zone;
  if (form.email_notifications !== profile.notifications.email)
    patch.notifications = { email: form.email_notifications };
  return patch;
}
