import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import { repoRoot } from '../../stack/paths.ts';
import { launchChromium, openPage } from '../support/browser.ts';
import { taskShapeArbitrary, type TaskShape } from '../support/task-shapes.ts';

/**
 * The task editor never loses a field: generated tasks of every reminder and recurrence shape,
 * created through the API, are opened in Chromium and saved untouched (nothing changes, the
 * version included), then with one field edited (only that field changes).
 */
const stack = inject('stack');
const SEED = 20261201;
const TASKS = 20;
const USER_ZONE = 'Europe/Berlin';
const email = `editor-${randomUUID()}@example.test`;
const password = 'correct horse battery';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
const patches: { url: string; body: unknown; ifMatch: string | undefined }[] = [];

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${stack.gatewayUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const getTask = async (id: string) => (await (await call('GET', `/tasks/${id}`)).json()) as Task;

beforeAll(async () => {
  const signup = await fetch(`${stack.gatewayUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, time_zone: USER_ZONE, display_name: 'Edith' }),
  });
  expect(signup.status).toBe(201);
  token = ((await signup.json()) as { access_token: string }).access_token;
  mkdirSync(join(repoRoot, 'test-output', 'screenshots'), { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    timezoneId: USER_ZONE,
  });
  page = await openPage(context, stack.gatewayUrl);
  page.on('request', (request) => {
    if (request.method() === 'PATCH')
      patches.push({
        url: request.url(),
        body: request.postDataJSON(),
        ifMatch: request.headers()['if-match'],
      });
  });
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Tasks' }).waitFor();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const editButton = (title: string) =>
  page.getByRole('button', { name: `Edit ${title}`, exact: true });

async function openEditor(title: string): Promise<void> {
  await editButton(title).waitFor({ timeout: 10_000 });
  await editButton(title).click();
  await page.getByRole('heading', { name: 'Edit task' }).waitFor();
}

/** Saves, and waits for the editor to close (an error keeps it open and is the failure). */
async function save(): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const closed = page.getByRole('heading', { name: 'New task' });
  const failed = page.locator('.task-editor .error:not(:empty)');
  await closed.or(failed).first().waitFor({ timeout: 10_000 });
  if (await failed.count()) throw new Error(`the save failed: ${await failed.textContent()}`);
}

describe('the task editor round trip', () => {
  const shapes = fc.sample(taskShapeArbitrary(Date.now()), { seed: SEED, numRuns: TASKS });
  const created: { title: string; id: string; shape: Omit<TaskShape, 'title'> }[] = [];

  beforeAll(async () => {
    // The sample covers every shape; a different seed or generator must too.
    const rules = shapes.map((s) => s.recurrence as Record<string, unknown> | null);
    expect({
      offset: shapes.some((s) => s.reminders.some((r) => 'offset' in r)),
      at: shapes.some((s) => s.reminders.some((r) => 'at' in r)),
      several: shapes.some((s) => s.reminders.length >= 2),
      frequencies: new Set(rules.map((r) => r?.frequency).filter(Boolean)).size,
      rrule: rules.some((r) => r?.rrule),
      completion: rules.some((r) => r?.repeat_from === 'completion'),
      skip: rules.some((r) => r?.missed === 'skip'),
      count: rules.some((r) => r?.count),
      end_date: rules.some((r) => r?.end_date),
      other_zone: shapes.some((s) => s.time_zone !== USER_ZONE),
    }).toEqual({
      offset: true,
      at: true,
      several: true,
      frequencies: 4,
      rrule: true,
      completion: true,
      skip: true,
      count: true,
      end_date: true,
      other_zone: true,
    });
    for (const [index, shape] of shapes.entries()) {
      const title = `Round trip ${index + 1}`;
      const response = await call('POST', '/tasks', { ...shape, title });
      expect(response.status, `${title}: ${JSON.stringify(shape)}`).toBe(201);
      created.push({ title, id: ((await response.json()) as Task).id, shape });
    }
  });

  it('saving a task untouched sends nothing and changes nothing, for every shape', async () => {
    for (const { title, id } of created) {
      const before = await getTask(id);
      patches.length = 0;
      await openEditor(title);
      await save();
      expect(await getTask(id), title).toEqual(before);
      expect(patches, title).toEqual([]);
    }
  });

  /** One edit a person makes in the editor, and the field it changes. */
  const edits: { field: keyof Task; make: (task: Task) => Promise<unknown> }[] = [
    {
      field: 'title',
      make: async (task) => {
        await page.getByLabel('Title').fill(`${task.title} renamed`);
        return `${task.title} renamed`;
      },
    },
    {
      field: 'priority',
      make: async (task) => {
        const priority = task.priority === 'urgent' ? 'low' : 'urgent';
        await page.getByLabel('Priority', { exact: true }).selectOption(priority);
        return priority;
      },
    },
    {
      field: 'description',
      make: async () => {
        await page.getByLabel('Description').fill('edited in the page');
        return 'edited in the page';
      },
    },
    {
      field: 'reminders',
      make: async (task) => {
        const n = task.reminders.length + 1;
        await page.getByRole('button', { name: 'Add reminder before due' }).click();
        await page.getByLabel(`Reminder ${n}: amount`).fill('7');
        await page.getByLabel(`Reminder ${n}: unit`).selectOption('days');
        return [
          ...task.reminders.map((r) => (r.offset !== null ? { offset: r.offset } : { at: r.at })),
          { offset: '-P7D' },
        ];
      },
    },
  ];

  it('editing one field sends and changes only that field', async () => {
    for (const [index, { title, id }] of created.entries()) {
      const { field, make } = edits[index % edits.length]!;
      const before = await getTask(id);
      patches.length = 0;
      await openEditor(title);
      const sent = await make(before);
      await save();
      const after = await getTask(id);
      expect(patches, title).toEqual([
        expect.objectContaining({ body: { [field]: sent }, ifMatch: `"${before.version}"` }),
      ]);
      expect(after, title).toEqual({
        ...before,
        [field]: after[field],
        version: before.version + 1,
        updated_at: after.updated_at,
      });
      if (field !== 'reminders') expect(after[field], title).toEqual(sent);
      else
        expect(after.reminders.map((r) => r.offset ?? r.at).sort(), title).toEqual(
          (sent as { offset?: string; at?: string }[]).map((r) => r.offset ?? r.at).sort(),
        );
    }
  });

  it('reports a change made elsewhere meanwhile instead of overwriting it, and reloads', async () => {
    const { id, title } = created[0]!;
    await openEditor(`${title} renamed`);
    const elsewhere = await call('PATCH', `/tasks/${id}`, { description: 'written elsewhere' });
    expect(elsewhere.status).toBe(200);
    await page.getByLabel('Description').fill('written here');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'changed elsewhere' })
      .waitFor({ timeout: 10_000 });
    expect((await getTask(id)).description).toBe('written elsewhere');
    await page.getByRole('button', { name: 'Reload the task' }).click();
    await expect.poll(() => page.getByLabel('Description').inputValue()).toBe('written elsewhere');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('edits reminders, the structured rule and the zone', async () => {
    await page.getByLabel('Title').fill('Structured from the page');
    await page.getByLabel('Due', { exact: true }).fill('2031-03-03T09:00');
    await page.getByRole('button', { name: 'Add reminder before due' }).click();
    await page.getByLabel('Reminder 1: amount').fill('90');
    await page.getByRole('button', { name: 'Add reminder at a time' }).click();
    await page.getByLabel('Reminder 2: at').fill('2031-03-02T18:30');
    await page.getByRole('button', { name: 'Use another time zone for this task' }).click();
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByLabel('Repeats', { exact: true }).selectOption('weekly');
    await page.getByLabel('Every how many week(s)').fill('2');
    await page.getByLabel('Monday').check();
    await page.getByLabel('Wednesday').check();
    await page.getByLabel('Ends').selectOption('count');
    await page.getByLabel('Number of times').fill('5');
    await page.getByLabel('Next one counts from').selectOption('completion');
    await page.getByLabel('A missed one').selectOption('skip');
    await page.getByRole('button', { name: 'Add task' }).click();
    await editButton('Structured from the page').waitFor({ timeout: 10_000 });
    const id = await page
      .locator('li.task', { has: page.locator('.title', { hasText: 'Structured from the page' }) })
      .getAttribute('data-task-id');
    const task = await getTask(id!);
    expect(task).toMatchObject({
      time_zone: 'America/New_York',
      due_at: '2031-03-03T14:00:00.000Z',
      // The task keeps its reminders in the order they fire.
      reminders: [
        expect.objectContaining({ at: '2031-03-02T23:30:00.000Z' }),
        expect.objectContaining({ offset: '-PT90M' }),
      ],
      recurrence: expect.objectContaining({
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=5',
        repeat_from: 'completion',
        missed: 'skip',
      }),
    });
    // Opened again, the editor shows it all: the zone, both reminders and the rule.
    await openEditor('Structured from the page');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('America/New_York');
    expect(await page.getByLabel('Due', { exact: true }).inputValue()).toBe('2031-03-03T09:00');
    expect(await page.getByLabel('Reminder 1: at').inputValue()).toBe('2031-03-02T18:30');
    expect(await page.getByLabel('Reminder 2: amount').inputValue()).toBe('90');
    expect(await page.getByLabel('Repeats', { exact: true }).inputValue()).toBe('weekly');
    expect(await page.getByLabel('Wednesday').isChecked()).toBe(true);
    expect(await page.getByLabel('A missed one').inputValue()).toBe('skip');
    await page.locator('#toasts').evaluate((toasts) => toasts.replaceChildren());
    await page
      .locator('.editor')
      .screenshot({ path: join(repoRoot, 'test-output', 'screenshots', 'editor.png') });
    // Removing a reminder sends the reminders alone.
    patches.length = 0;
    await page.getByRole('button', { name: 'Remove reminder 1' }).click();
    await save();
    expect(patches.map((patch) => patch.body)).toEqual([{ reminders: [{ offset: '-PT90M' }] }]);
    expect((await getTask(id!)).reminders.map((r) => r.offset)).toEqual(['-PT90M']);
  });
});
