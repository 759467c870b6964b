import { describe, expect, it } from 'vitest';
import { settingsForm, settingsPatch, type SettingsProfile } from './settings-patch.ts';

const profile: SettingsProfile = {
  display_name: 'Ada',
  email: 'ada@example.test',
  email_verified: false,
  time_zone: 'Europe/Berlin',
  notifications: { email: true },
};

describe('settingsPatch (form → PATCH /me body)', () => {
  it('is empty for an unchanged form', () => {
    expect(settingsPatch(profile, settingsForm(profile))).toEqual({});
  });

  it('ignores surrounding blanks and a zone typed in another case', () => {
    const form = { ...settingsForm(profile), display_name: ' Ada ', time_zone: 'europe/berlin' };
    expect(settingsPatch(profile, form)).toEqual({});
  });

  it('holds only the field that changed', () => {
    const form = settingsForm(profile);
    expect(settingsPatch(profile, { ...form, display_name: 'Ada L.' })).toEqual({
      display_name: 'Ada L.',
    });
    expect(settingsPatch(profile, { ...form, time_zone: 'Asia/Calcutta' })).toEqual({
      time_zone: 'Asia/Calcutta',
    });
    expect(settingsPatch(profile, { ...form, email_notifications: false })).toEqual({
      notifications: { email: false },
    });
    expect(settingsPatch(profile, { ...form, email: 'lovelace@example.test' })).toEqual({
      email: 'lovelace@example.test',
    });
  });

  it('clears the address when it is emptied, and leaves a missing one alone', () => {
    expect(settingsPatch(profile, { ...settingsForm(profile), email: ' ' })).toEqual({
      email: null,
    });
    const without = { ...profile, email: null };
    expect(settingsPatch(without, settingsForm(without))).toEqual({});
  });
});
