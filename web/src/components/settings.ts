import tzdb from '../../../schemas/time-zones/tzdb.json' with { type: 'json' };
import { api, ApiProblem } from '../core/api.ts';
import { h } from '../core/dom.ts';
import {
  settingsForm,
  settingsPatch,
  type SettingsForm,
  type SettingsProfile,
} from './settings-patch.ts';

const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const FIELDS = ['display_name', 'email', 'time_zone', 'notifications'] as const;
type Field = (typeof FIELDS)[number];

const failureText = (error: unknown) =>
  error instanceof ApiProblem ? error.message : 'Could not reach the server; try again.';

/**
 * The settings panel: a modal dialog that shows the profile (GET /me) and saves only what the
 * person changed (PATCH /me). Returns the header's Settings button that opens it; `saved` hears
 * of every saved profile, so the page can follow a new name or zone.
 */
export function settingsButton(saved: (profile: SettingsProfile) => void): HTMLButtonElement {
  const button = h('button', { type: 'button', 'aria-haspopup': 'dialog' }, 'Settings');
  button.addEventListener('click', async () => {
    try {
      openSettings(await api<SettingsProfile>('GET', '/me'), saved);
    } catch (failure) {
      button.title = failureText(failure);
    }
  });
  return button;
}

function openSettings(profile: SettingsProfile, saved: (profile: SettingsProfile) => void): void {
  const errors = Object.fromEntries(
    FIELDS.map((field) => [
      field,
      h('span', { id: `settings-${field}-error`, class: 'error field-error', role: 'alert' }),
    ]),
  ) as Record<Field, HTMLSpanElement>;
  const described = (field: Field) => ({ 'aria-describedby': `settings-${field}-error` });

  const name = h('input', {
    id: 'settings-name',
    autocomplete: 'name',
    maxlength: 100,
    ...described('display_name'),
  });
  const email = h('input', {
    id: 'settings-email',
    type: 'email',
    autocomplete: 'email',
    ...described('email'),
  });
  const verification = h('span', { id: 'settings-verification', class: 'verification' });
  const resendStatus = h('span', { class: 'hint', 'aria-live': 'polite' });
  const resend = h('button', { type: 'button', class: 'link' }, 'Resend link');
  const zone = h('input', {
    id: 'settings-zone',
    list: 'settings-zones',
    autocomplete: 'off',
    spellcheck: false,
    ...described('time_zone'),
  });
  const zones = h(
    'datalist',
    { id: 'settings-zones' },
    ...Object.keys(tzdb.zones).map((z) => h('option', { value: z })),
  );
  const useDevice = h(
    'button',
    { type: 'button', class: 'link', onclick: () => (zone.value = deviceZone) },
    `Use this device's zone (${deviceZone})`,
  );
  const notify = h('input', {
    id: 'settings-notify',
    type: 'checkbox',
    ...described('notifications'),
  });
  const status = h('p', { class: 'hint', role: 'status' });
  const general = h('p', { class: 'error', role: 'alert' });

  const show = (current: SettingsProfile) => {
    profile = current;
    const form = settingsForm(current);
    name.value = form.display_name;
    email.value = form.email;
    zone.value = form.time_zone;
    notify.checked = form.email_notifications;
    verification.textContent = !current.email
      ? 'no address'
      : current.email_verified
        ? 'verified'
        : 'not verified';
    resend.hidden = !current.email || current.email_verified;
  };
  const read = (): SettingsForm => ({
    display_name: name.value,
    email: email.value,
    time_zone: zone.value,
    email_notifications: notify.checked,
  });
  const clearErrors = () => {
    general.textContent = '';
    for (const field of FIELDS) errors[field].textContent = '';
    for (const input of [name, email, zone, notify]) input.removeAttribute('aria-invalid');
  };
  const inputs: Record<Field, HTMLInputElement> = {
    display_name: name,
    email,
    time_zone: zone,
    notifications: notify,
  };

  resend.addEventListener('click', async () => {
    resendStatus.textContent = '';
    try {
      await api('POST', '/me/email/verification');
      resendStatus.textContent = `Link sent to ${profile.email}.`;
    } catch (failure) {
      resendStatus.textContent = failureText(failure);
    }
  });

  const form = h(
    'form',
    { class: 'settings', method: 'dialog' },
    h('h2', { id: 'settings-title' }, 'Settings'),
    h('p', {}, h('label', { for: 'settings-name' }, 'Display name'), name, errors.display_name),
    h(
      'p',
      {},
      h('label', { for: 'settings-email' }, 'E-mail'),
      email,
      h('span', { class: 'verification-line' }, verification, ' ', resend, ' ', resendStatus),
      errors.email,
    ),
    h(
      'p',
      {},
      h('label', { for: 'settings-zone' }, 'Time zone'),
      zone,
      zones,
      useDevice,
      errors.time_zone,
    ),
    h(
      'p',
      { class: 'check-label' },
      notify,
      h('label', { for: 'settings-notify' }, 'E-mail me reminders'),
      errors.notifications,
    ),
    general,
    status,
    h(
      'p',
      {},
      h('button', { type: 'submit' }, 'Save'),
      ' ',
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Close'),
    ),
  );
  const dialog = h(
    'dialog',
    { class: 'settings-dialog', 'aria-labelledby': 'settings-title' },
    form,
  );
  dialog.addEventListener('close', () => dialog.remove());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const patch = settingsPatch(profile, read());
    if (Object.keys(patch).length === 0) {
      status.textContent = 'Nothing to save.';
      return;
    }
    status.textContent = 'Saving…';
    try {
      const updated = await api<SettingsProfile>('PATCH', '/me', patch);
      show(updated);
      status.textContent = 'Saved.';
      saved(updated);
    } catch (failure) {
      status.textContent = '';
      const fields = failure instanceof ApiProblem ? failure.fields : [];
      const unplaced = fields.filter((problem) => {
        const field = FIELDS.find((f) => problem.path === f || problem.path.startsWith(`${f}.`));
        if (!field) return true;
        errors[field].textContent = problem.message;
        inputs[field].setAttribute('aria-invalid', 'true');
        return false;
      });
      if (unplaced.length > 0 || fields.length === 0)
        general.textContent = [failureText(failure), ...unplaced.map((p) => p.message)].join(': ');
    }
  });

  show(profile);
  document.body.append(dialog);
  dialog.showModal();
  name.focus();
}
