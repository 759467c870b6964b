import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import {
  apiInPage,
  launchChromium,
  openPage,
  axeViolations,
  signUp,
  taskItems,
} from '../support/browser.ts';

/**
 * An axe-core scan of each page a person sees: no serious or critical violation (labels,
 * contrast, landmarks, names of controls).
 */
const stack = inject('stack');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  // axe is injected as a script tag, which the gateway's CSP would refuse.
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  page = await openPage(context, stack.gatewayUrl);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Landmarks (one main, all content in a region) are moderate in axe; these pages keep them. */
const landmarks = (page: Page) => axeViolations(page, ['moderate']);

describe('accessibility (axe-core)', () => {
  it('finds what it is meant to find: an unlabelled control is serious', async () => {
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.evaluate("document.querySelector('form').append(document.createElement('input'))");
    expect((await axeViolations(page)).join('\n')).toMatch(/^(serious|critical) label /m);
    await page.reload();
  });

  it('the log-in page, and the sign-up form', async () => {
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await landmarks(page)).toEqual([]);
    await page.getByLabel('E-mail').fill(`nobody-${randomUUID()}@example.test`);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'No account? Sign up' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Have an account? Log in' }).click();
  });

  it('the task page with tasks, the editor closed and open, the quick-add preview shown', async () => {
    await signUp(page, {
      email: `a11y-${randomUUID()}@example.test`,
      password: 'correct horse battery',
      name: 'Alan',
    });
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    for (const body of [
      {
        title: 'Water the plants',
        priority: 'high',
        tags: ['home', 'garden'],
        due_at: inAnHour,
        reminders: [{ offset: '-PT15M' }],
        recurrence: { frequency: 'weekly' },
      },
      { title: 'File the taxes', priority: 'urgent', due_at: yesterday },
      { title: 'Read a book', priority: 'low' },
    ])
      await apiInPage<Task>(page, 'POST', '/tasks', body);
    for (const title of ['Water the plants', 'File the taxes', 'Read a book'])
      await taskItems(page, title).waitFor({ timeout: 10_000 });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Edit Water the plants' }).click();
    await page.getByRole('heading', { name: 'Edit task' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Quick add').fill('call the bank tomorrow 10am #admin');
    await page.locator('#quick-add-preview[data-kind="preview"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Quick add').fill('#admin');
    await page.locator('#quick-add-preview[data-kind="problem"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A conversation long enough to scroll its log.
    for (const message of ['what is overdue?', 'show my tasks', 'list high priority tasks']) {
      await page.getByLabel('Message').fill(message);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.locator('.chat-log .from-agent').nth(-1).waitFor();
    }
    await page.locator('.chat-log .from-agent').nth(2).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the task page at phone width', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await page.reload();
      await taskItems(page, 'Water the plants').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('the actor inspector', async () => {
    const id = await taskItems(page, 'Water the plants').getAttribute('data-task-id');
    await page.goto(`${stack.gatewayUrl}/inspector.html#task/${id}`);
    await page.getByRole('heading', { name: 'State', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Active actors on the host' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await landmarks(page)).toEqual([]);
  });
});
