import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Temporal } from '@js-temporal/polyfill';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import {
  apiInPage,
  launchChromium,
  openPage,
  screenshots,
  signUp,
  taskItems,
} from '../support/browser.ts';

/** The quick-add line of the task page in Chromium: a sentence, its preview, Enter. */
const stack = inject('stack');
const ZONE = 'Europe/Berlin';
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  // The browser's zone becomes the profile's at sign-up: the sentence is read in Berlin time.
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: ZONE });
  page = await openPage(context, stack.gatewayUrl);
  await signUp(page, {
    email: `quick-add-${randomUUID()}@example.test`,
    password: 'correct horse battery',
    name: 'Ada',
  });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const line = () => page.getByLabel('Quick add');
const preview = () => page.locator('#quick-add-preview');

describe('quick add on the task page', () => {
  it('previews a typed sentence, and Enter adds that task to the list', async () => {
    await line().focus();
    await line().pressSequentially('pay rent on the 1st of every month at 9am #home !high', {
      delay: 10,
    });
    await page
      .locator('#quick-add-preview[data-kind="preview"]', {
        hasText:
          /^Will add: Pay rent — monthly on the 1st, 09:00, from \w{3} 1 \w{3}( \d{4})?; #home; high priority$/,
      })
      .waitFor();
    await page.screenshot({ path: join(screenshots, 'quick-add.png') });
    await page.keyboard.press('Enter');

    const item = taskItems(page, 'Pay rent');
    await item.waitFor({ timeout: 10_000 });
    expect(await item.locator('.chip').allTextContents()).toEqual(['#home']);
    expect(await item.locator('.badge.priority-high').count()).toBe(1);
    const rule = await item.locator('.badge.recurring').getAttribute('title');
    expect(rule).toMatch(/FREQ=MONTHLY/);
    expect(rule).toMatch(/BYMONTHDAY=1\b/);
    expect(await item.locator('.due').count()).toBe(1);
    expect(await line().inputValue()).toBe('');
    await expect(preview().textContent()).resolves.toBe('Added “Pay rent”.');

    const id = (await item.getAttribute('data-task-id'))!;
    const task = await apiInPage<Task>(page, 'GET', `/tasks/${id}`);
    const due = Temporal.Instant.from(task.due_at!).toZonedDateTimeISO(ZONE);
    expect([due.day, due.hour, due.minute]).toEqual([1, 9, 0]);
    expect(task).toMatchObject({ title: 'Pay rent', priority: 'high', tags: ['home'] });
    expect(task.time_zone).toBe(ZONE);
  });

  it('shows why a sentence makes no task, inline, and Enter then adds nothing', async () => {
    await line().fill('');
    await line().pressSequentially('tomorrow at 5pm #home', { delay: 10 });
    await page
      .locator('#quick-add-preview[data-kind="problem"]', { hasText: 'names no task' })
      .waitFor();
    expect(await line().getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Enter');
    await page
      .locator('#quick-add-preview[data-kind="problem"]', { hasText: 'names no task' })
      .waitFor();
    const all = await apiInPage<{ items: Task[] }>(
      page,
      'GET',
      '/tasks?status=pending,in_progress,completed,skipped',
    );
    expect(all.items.map((task) => task.title)).toEqual(['Pay rent']);
    expect(await line().inputValue()).toBe('tomorrow at 5pm #home');

    await page.keyboard.press('Escape');
    expect(await line().inputValue()).toBe('');
    await expect(preview().textContent()).resolves.toBe('');
  });
});
