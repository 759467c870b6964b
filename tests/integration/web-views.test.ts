import { Temporal } from '@js-temporal/polyfill';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import {
  apiInPage,
  axeViolations,
  launchChromium,
  openPage,
  screenshots,
  signUp,
  taskItems,
} from '../support/browser.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The task page as a person's day: the views with their counts and day headings (in the
 * profile's zone, not the browser's), status from the list, a task's details, snooze from the
 * reminder toast, the keyboard, a phone, dark mode, and an axe-core scan of each view.
 */
const stack = inject('stack');
const ZONE = 'Asia/Kolkata';
const VIEWS = ['Today', 'Upcoming', 'Overdue', 'Completed', 'All'] as const;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const account = {
  email: `views-${randomUUID()}@example.test`,
  password: 'correct horse battery',
  name: 'Ada',
};

const today = () => Temporal.Now.plainDateISO(ZONE);
const local = (date: Temporal.PlainDate, time: string) =>
  date.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(ZONE).toInstant().toString();
const create = (target: Page, body: Record<string, unknown>) =>
  apiInPage<Task>(target, 'POST', '/tasks', body);

async function openView(target: Page, view: (typeof VIEWS)[number]): Promise<void> {
  await target.getByRole('link', { name: new RegExp(`^${view}\\b`) }).click();
  await target.locator('#list-title', { hasText: `Tasks · ${view}` }).waitFor();
}

/** The headings of the list and the titles under each, as the page shows them. */
const groupsOf = (target: Page) =>
  target
    .locator('.task-group')
    .evaluateAll((groups) =>
      groups.map((group) => [
        group.querySelector('h3')!.textContent,
        [...group.querySelectorAll('li.task .title')].map((title) => title.textContent),
      ]),
    );

/**
 * In the page: the visible controls smaller than 44 × 44 px (a check box counts by its label,
 * which toggles it too), as "name width×height".
 */
const smallTargets = `[...document.querySelectorAll('button, a, input, select, textarea')]
  .filter((element) => element.offsetParent !== null)
  .map((element) => {
    const label = element.type === 'checkbox' || element.type === 'radio' ? element.labels?.[0] : undefined;
    const box = (label ?? element).getBoundingClientRect();
    const name = element.getAttribute('aria-label') || element.textContent.trim() || element.id;
    return { name, width: box.width, height: box.height };
  })
  .filter((box) => box.height < 44 || box.width < 44)
  .map((box) => box.name + ' ' + Math.round(box.width) + '×' + Math.round(box.height))`;

beforeAll(async () => {
  browser = await launchChromium();
  // The browser's clock is in Chicago; the profile says Kolkata, and the page must follow it.
  context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    timezoneId: 'America/Chicago',
    bypassCSP: true,
  });
  page = await openPage(context, stack.gatewayUrl);
  await signUp(page, account);
  await apiInPage(page, 'PATCH', '/me', { time_zone: ZONE });
  const day = today();
  await create(page, {
    title: 'Renew passport',
    priority: 'urgent',
    due_at: local(day.subtract({ days: 2 }), '10:00'),
  });
  await create(page, { title: 'Lock the shed', due_at: local(day, '23:59:59') });
  await create(page, {
    title: 'Buy rice',
    tags: ['home'],
    due_at: local(day.add({ days: 1 }), '08:00'),
  });
  await create(page, {
    title: 'Dentist',
    priority: 'high',
    due_at: local(day.add({ days: 3 }), '15:00'),
  });
  await create(page, { title: 'Learn the sitar', priority: 'low' });
  const taxes = await create(page, { title: 'File taxes', due_at: local(day, '09:00') });
  await apiInPage(page, 'POST', `/tasks/${taxes.id}/complete`);
  await page.reload();
  await page.getByRole('heading', { name: 'Tasks' }).waitFor();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('the views of a day', () => {
  it('count their tasks, and head them by day in the profile’s zone', async () => {
    const counts = await eventually('the counts of every view', async () => {
      const text = await page.locator('nav.views').innerText();
      return text.replace(/\s+/g, ' ').includes('Completed 1') ? text : undefined;
    });
    expect(counts.replace(/\s+/g, ' ').trim()).toBe(
      'Today 2 Upcoming 2 Overdue 1 Completed 1 All 6',
    );

    await openView(page, 'Today');
    await eventually('the Today view', async () =>
      (await groupsOf(page)).length === 2 ? true : undefined,
    );
    expect(await groupsOf(page)).toEqual([
      ['Overdue', ['Renew passport']],
      ['Today', ['Lock the shed']],
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'view-today.png'), fullPage: true });

    await openView(page, 'Upcoming');
    const inThreeDays = today().add({ days: 3 });
    const label = `${inThreeDays.toLocaleString('en-GB', { weekday: 'short' })} ${inThreeDays.day} ${inThreeDays.toLocaleString('en-GB', { month: 'short' })}`;
    await eventually('the Upcoming view', async () =>
      (await groupsOf(page)).length === 2 ? true : undefined,
    );
    expect(await groupsOf(page)).toEqual([
      ['Tomorrow', ['Buy rice']],
      [label, ['Dentist']],
    ]);
    // Times are the profile zone's wall clock, not Chicago's.
    expect(await taskItems(page, 'Buy rice').locator('time').textContent()).toBe('Tomorrow 08:00');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'view-upcoming.png'), fullPage: true });

    await openView(page, 'Overdue');
    await taskItems(page, 'Renew passport').waitFor();
    expect(await page.locator('li.task').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await openView(page, 'Completed');
    await eventually('the Completed view', async () =>
      (await groupsOf(page)).length === 1 ? true : undefined,
    );
    expect(await groupsOf(page)).toEqual([['Today', ['File taxes']]]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'view-completed.png'), fullPage: true });

    await openView(page, 'All');
    await taskItems(page, 'Learn the sitar').waitFor();
    expect(await page.locator('li.task').count()).toBe(6);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'view-all.png'), fullPage: true });
  });

  it('keep the view in the address: a reload shows the same view', async () => {
    await openView(page, 'Upcoming');
    expect(new URL(page.url()).hash).toBe('#/upcoming');
    await page.reload();
    await page.locator('#list-title', { hasText: 'Tasks · Upcoming' }).waitFor();
    await taskItems(page, 'Dentist').waitFor();
    await openView(page, 'All');
  });

  it('a search narrows the list and every count alike', async () => {
    await page.getByLabel('Search tasks').fill('passport');
    await eventually('the narrowed counts', async () => {
      const text = (await page.locator('nav.views').innerText()).replace(/\s+/g, ' ').trim();
      return text === 'Today 1 Upcoming 0 Overdue 1 Completed 0 All 1' ? text : undefined;
    });
    expect(await page.locator('li.task .title').allTextContents()).toEqual(['Renew passport']);
    await page.getByLabel('Search tasks').fill('');
    await eventually('the whole list again', async () =>
      (await page.locator('li.task').count()) === 6 ? true : undefined,
    );
  });
});

describe('status and details from the list', () => {
  it('starts a task (in progress) and pauses it again', async () => {
    await page.getByRole('button', { name: 'Start Dentist' }).click();
    await taskItems(page, 'Dentist').locator('.badge.in-progress').waitFor();
    const id = (await taskItems(page, 'Dentist').getAttribute('data-task-id'))!;
    expect((await apiInPage<Task>(page, 'GET', `/tasks/${id}`)).status).toBe('in_progress');
    await page.getByRole('button', { name: 'Pause Dentist' }).click();
    await page.getByRole('button', { name: 'Start Dentist' }).waitFor();
    expect((await apiInPage<Task>(page, 'GET', `/tasks/${id}`)).status).toBe('pending');
  });

  it('shows a recurring task’s next occurrences and its history, in the profile’s zone', async () => {
    const first = today().add({ days: 1 });
    const yoga = await create(page, {
      title: 'Yoga',
      due_at: local(first, '07:30'),
      recurrence: { frequency: 'weekly' },
    });
    await apiInPage(page, 'PATCH', `/tasks/${yoga.id}`, { priority: 'high', tags: ['health'] });
    await taskItems(page, 'Yoga').locator('.chip').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Details Yoga' }).click();
    const dialog = page.getByRole('dialog', { name: 'Yoga' });
    await dialog.locator('.occurrences:not([aria-busy]) li').first().waitFor();
    const next = await dialog.locator('.occurrences li').allTextContents();
    const weekday = first.toLocaleString('en-GB', { weekday: 'short' });
    expect(next).toHaveLength(5);
    for (const line of next)
      expect(line).toMatch(new RegExp(`^${weekday} \\d+ \\w+( \\d{4})? 07:30$`));
    await eventually('both events in the history', async () => {
      const lines = await dialog.locator('.history li').allTextContents();
      if (lines.length >= 2) return lines;
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Details Yoga' }).click();
      return undefined;
    });
    const history = await page
      .getByRole('dialog', { name: 'Yoga' })
      .locator('.history li')
      .allTextContents();
    expect(history.map((line) => line.replace(/^.* \d\d:\d\d /, ''))).toEqual([
      'Created',
      'Changed priority, tags',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'details.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('snoozes a reminder from its toast', async () => {
    const task = await create(page, {
      title: 'Stretch',
      reminders: [{ at: new Date(Date.now() + 2_000).toISOString() }],
    });
    const snooze = page.getByRole('button', { name: 'Snooze Stretch for 10 minutes' });
    await snooze.waitFor({ timeout: 20_000 });
    const clicked = Date.now();
    await snooze.click();
    await page.locator('.toast', { hasText: /^Snoozed “Stretch” until \d\d:\d\d\.$/ }).waitFor();
    const stored = await apiInPage<Task>(page, 'GET', `/tasks/${task.id}`);
    const until = Date.parse(stored.reminders[0]!.snoozed_until!);
    expect(until).toBeGreaterThanOrEqual(clicked + 9 * 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 11 * 60_000);
  });
});

describe('the list under live updates', () => {
  it('keeps the row the person is on in place, and its focus, when tasks arrive above it', async () => {
    const day = today().add({ days: 30 });
    for (let i = 0; i < 30; i++)
      await create(page, {
        title: `Later ${String(i).padStart(2, '0')}`,
        due_at: local(
          day,
          `${String(8 + (i % 12)).padStart(2, '0')}:${String(i).padStart(2, '0')}`,
        ),
      });
    await taskItems(page, 'Later 29').waitFor({ timeout: 10_000 });
    const row = taskItems(page, 'Later 20');
    await row.scrollIntoViewIfNeeded();
    await row.getByRole('button', { name: 'Edit Later 20' }).focus();
    const before = (await row.boundingBox())!.y;

    // Five tasks due earlier land above it, while the person looks at it.
    const other = await openPage(context, stack.gatewayUrl);
    for (let i = 0; i < 5; i++)
      await create(other, { title: `Earlier ${i}`, due_at: local(today(), '00:00') });
    await other.close();
    await taskItems(page, 'Earlier 4').waitFor({ timeout: 10_000, state: 'attached' });

    const after = (await row.boundingBox())!.y;
    expect(Math.abs(after - before)).toBeLessThan(2);
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe(
      'Edit Later 20',
    );
  });
});

describe('the keyboard', () => {
  it('lists its shortcuts on ?, and moves, completes and switches views without a mouse', async () => {
    await page.locator('body').click({ position: { x: 5, y: 880 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.locator('dd').allTextContents()).toContain('Complete or reopen the task');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'shortcuts.png') });
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('n');
    expect(await page.evaluate('document.activeElement?.id')).toBe('quick-add');
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 880 } });
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement?.id')).toBe('filter-q');
    await page.locator('body').click({ position: { x: 5, y: 880 } });

    await page.keyboard.press('1');
    await page.locator('#list-title', { hasText: 'Tasks · Today' }).waitFor();
    await page.locator('.task-groups[aria-busy="false"] .group-title').first().waitFor();
    const titles = await page.locator('li.task .title').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(2);
    const focused = () =>
      page.evaluate("document.activeElement?.querySelector('.title')?.textContent");
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focused()).toBe(titles[1]);
    await page.keyboard.press('k');
    expect(await focused()).toBe(titles[0]);
    await page.keyboard.press('j');
    const second = (await page.locator('li.task').nth(1).getAttribute('data-task-id'))!;
    await page.keyboard.press('x');
    await eventually('the second task completed', async () =>
      (await apiInPage<Task>(page, 'GET', `/tasks/${second}`)).status === 'completed'
        ? true
        : undefined,
    );
    await page.keyboard.press('5');
    await page.locator('#list-title', { hasText: 'Tasks · All' }).waitFor();
  });
});

describe('a phone, and the dark', () => {
  it('fits 375 px without sideways scrolling, every target at least 44 px', async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    try {
      const small = await openPage(phone, stack.gatewayUrl);
      await small.getByLabel('E-mail').fill(account.email);
      await small.getByLabel('Password').fill(account.password);
      await small.getByRole('button', { name: 'Log in' }).click();
      for (const view of VIEWS) {
        await openView(small, view);
        await small.locator('li.task').first().waitFor({ timeout: 10_000 });
        const width = await small.evaluate<number>('document.documentElement.scrollWidth');
        expect(width, `${view}: the page is ${width} px wide`).toBeLessThanOrEqual(375);
        const tooSmall = await small.evaluate<string[]>(smallTargets);
        expect(tooSmall, view).toEqual([]);
        if (view === 'Today' || view === 'Upcoming' || view === 'All')
          await small.screenshot({ path: join(screenshots, `phone-${view.toLowerCase()}.png`) });
      }
      expect(await axeViolations(small)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('follows the system’s dark mode, readable in every view', async () => {
    const dark = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      colorScheme: 'dark',
      bypassCSP: true,
    });
    try {
      const night = await openPage(dark, stack.gatewayUrl);
      await night.getByLabel('E-mail').fill(account.email);
      await night.getByLabel('Password').fill(account.password);
      await night.getByRole('button', { name: 'Log in' }).click();
      const background = await night.evaluate<string>(
        'getComputedStyle(document.documentElement).backgroundColor',
      );
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      expect(0.2126 * r! + 0.7152 * g! + 0.0722 * b!, background).toBeLessThan(60);
      for (const view of VIEWS) {
        await openView(night, view);
        await night.locator('li.task').first().waitFor({ timeout: 10_000 });
        expect(await axeViolations(night), view).toEqual([]);
        if (view === 'Today' || view === 'All')
          await night.screenshot({
            path: join(screenshots, `dark-${view.toLowerCase()}.png`),
            fullPage: true,
          });
      }
    } finally {
      await dark.close();
    }
  });
});
