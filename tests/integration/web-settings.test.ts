import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserProfile } from '../../schemas/user.ts';
import {
  apiInPage,
  axeViolations,
  launchChromium,
  openPage,
  screenshots,
  signUp,
} from '../support/browser.ts';
import { clearOfWindowEnd } from '../support/fixed-window.ts';

/** The settings panel of the task page in Chromium: the profile shown, edited, saved as a diff. */
const stack = inject('stack');
const DEVICE_ZONE = 'Europe/Berlin';
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  // axe is injected as a script tag, which the gateway's CSP would refuse.
  context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    timezoneId: DEVICE_ZONE,
    bypassCSP: true,
  });
  page = await openPage(context, stack.gatewayUrl);
  await signUp(page, {
    email: `settings-${randomUUID()}@example.test`,
    password: 'correct horse battery',
    name: 'Ada',
  });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const dialog = () => page.getByRole('dialog', { name: 'Settings' });
const me = () => apiInPage<UserProfile>(page, 'GET', '/me');

/** The PATCH /me bodies the page sends from now on. */
function patches(): unknown[] {
  const sent: unknown[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && request.url().endsWith('/api/v1/me'))
      sent.push(request.postDataJSON());
  });
  return sent;
}

describe('the settings panel', () => {
  it('shows the profile, the address unverified, and passes an axe scan', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await dialog().waitFor();
    const profile = await me();
    expect(await dialog().getByLabel('Display name').inputValue()).toBe('Ada');
    expect(await dialog().getByLabel('E-mail', { exact: true }).inputValue()).toBe(profile.email);
    expect(await dialog().getByLabel('Time zone').inputValue()).toBe(DEVICE_ZONE);
    expect(await dialog().getByLabel('E-mail me reminders').isChecked()).toBe(
      profile.notifications.email,
    );
    expect(await page.locator('#settings-verification').textContent()).toBe('not verified');
    await page.screenshot({ path: join(screenshots, 'settings.png') });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('an unchanged save sends nothing', async () => {
    const sent = patches();
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().getByRole('status').filter({ hasText: 'Nothing to save.' }).waitFor();
    expect(sent).toEqual([]);
  });

  it('saves only the changed fields; an old zone name comes back as its current name', async () => {
    const sent = patches();
    const before = await me();
    await dialog().getByLabel('Display name').fill('Ada Lovelace');
    await dialog().getByLabel('Time zone').fill('Asia/Calcutta');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    expect(sent).toEqual([{ display_name: 'Ada Lovelace', time_zone: 'Asia/Calcutta' }]);
    expect(await dialog().getByLabel('Time zone').inputValue()).toBe('Asia/Kolkata');
    expect(await page.locator('header .who').textContent()).toBe('Ada Lovelace');
    const after = await me();
    expect(after).toMatchObject({
      display_name: 'Ada Lovelace',
      time_zone: 'Asia/Kolkata',
      email: before.email,
      email_verified: false,
      notifications: before.notifications,
    });
  });

  it("offers the device's zone, and shows a field's error next to it", async () => {
    await dialog()
      .getByRole('button', { name: /Use this device's zone/ })
      .click();
    expect(await dialog().getByLabel('Time zone').inputValue()).toBe(DEVICE_ZONE);

    await dialog().getByLabel('Time zone').fill('Mars/Olympus_Mons');
    await dialog().getByRole('button', { name: 'Save' }).click();
    const error = page.locator('#settings-time_zone-error');
    await error.filter({ hasText: 'IANA time zone' }).waitFor();
    expect(await dialog().getByLabel('Time zone').getAttribute('aria-invalid')).toBe('true');
    expect((await me()).time_zone).toBe('Asia/Kolkata');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('resends the verification link, and shows the refusal once rate-limited', async () => {
    // The limit counts in hourly windows: all the clicks go into one.
    await clearOfWindowEnd(3600, 30);
    const resend = async () => {
      const answer = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          response.url().endsWith('/api/v1/me/email/verification'),
      );
      await dialog().getByRole('button', { name: 'Resend link' }).click();
      return answer;
    };
    const first = await resend();
    expect(first.status()).toBe(202);
    await dialog()
      .getByText(/^Link sent to /)
      .waitFor();

    let refused = first;
    for (let click = 0; click < 5 && refused.status() === 202; click++) refused = await resend();
    expect(refused.status()).toBe(429);
    const { detail } = (await refused.json()) as { detail: string };
    expect(detail).toMatch(/^too many requests/);
    await dialog().getByText(detail).waitFor();
  });
});
