import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signSnoozeToken, type SnoozeClaims } from '../../platform/auth/snooze-token.ts';
import type { SnoozeInput } from '../../schemas/snooze.ts';
import type { Task } from '../../schemas/task.ts';
import { taskSnapshot } from '../../tests/support/fixtures.ts';
import { serveRouters, type InProcessApp } from '../../tests/support/in-process-app.ts';
import { problem } from '../errors.ts';
import type { TaskService } from '../services/task-service.ts';
import { reminderSnoozeRouter, snoozeLinkRouter, type SnoozeLinkDependencies } from './snooze.ts';

const SECRET = 's'.repeat(32);
const UNTIL = '2026-12-02T09:10:00.000Z';
const claims: SnoozeClaims = {
  userId: 'u1',
  taskId: 'a6f0e1c2-0000-4000-8000-000000000001',
  reminderId: 'r1',
  firing: '2026-12-02T09:00:00.000Z',
};
const reminder = {
  id: 'r1',
  offset: null,
  at: '2026-12-02T09:00:00.000Z',
  fire_at: null,
  fired_at: claims.firing,
};
const task = taskSnapshot({
  id: claims.taskId,
  user_id: 'u1',
  title: 'Water <the> plants',
  version: 3,
  reminders: [reminder],
});

/** The snoozes the actors were asked for, and what the next one answers. */
const snoozes: {
  userId: string;
  taskId: string;
  reminderId: string;
  snooze: SnoozeInput;
  firing?: string;
}[] = [];
let refuseWith: Error | undefined;
const tasks: SnoozeLinkDependencies['tasks'] = {
  get: async () => {
    if (refuseWith) throw refuseWith;
    return task;
  },
  snoozeReminder: async (userId, taskId, reminderId, snooze, firing) => {
    if (refuseWith) throw refuseWith;
    snoozes.push({ userId, taskId, reminderId, snooze, ...(firing ? { firing } : {}) });
    return { ...task, reminders: [{ ...reminder, snoozed_until: UNTIL }] } satisfies Task;
  },
};
const unused = () => Promise.reject(new Error('not used here'));
const service: TaskService = {
  ...tasks,
  create: unused,
  update: unused,
  complete: unused,
  reopen: unused,
  remove: unused,
  skip: unused,
  list: unused,
};

let app: InProcessApp;
let limited = 0;
beforeAll(async () => {
  app = await serveRouters(
    {
      '/snooze': snoozeLinkRouter({
        tasks,
        jwtSecret: SECRET,
        limit: (_request, _response, next) => {
          limited += 1;
          next();
        },
      }),
      '/tasks': reminderSnoozeRouter(service),
    },
    { userId: 'u1' },
  );
});
afterAll(() => app.close());
beforeEach(() => {
  snoozes.length = 0;
  refuseWith = undefined;
  limited = 0;
});

const link = async (query: string, token?: string) =>
  `${app.base}/snooze?token=${token ?? (await signSnoozeToken(SECRET, claims))}&${query}`;
const asJson = { accept: 'application/json' };
const asPage = { accept: 'text/html' };

describe('the snooze links of a reminder mail', () => {
  it('only previews on GET, whatever opens the link', async () => {
    const json = await fetch(await link('for=PT10M'), { headers: asJson });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({
      task_id: claims.taskId,
      reminder_id: 'r1',
      snooze: { for: 'PT10M' },
    });
    const page = await fetch(await link('for=PT10M'), { headers: asPage });
    expect(page.status).toBe(200);
    const html = await page.text();
    // The page asks before it snoozes: a form that POSTs to the very link.
    expect(html).toContain('Water &#60;the&#62; plants');
    expect(html).toMatch(/<form method="post" action="\/snooze\?token=[\w.-]+&#38;for=PT10M">/);
    expect(snoozes).toEqual([]);
    expect(limited).toBe(2);
  });

  it('snoozes on POST the firing the link was mailed for, as the user it names', async () => {
    const response = await fetch(await link('for=PT10M'), { method: 'POST', headers: asJson });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      task_id: claims.taskId,
      reminder_id: 'r1',
      snoozed_until: UNTIL,
    });
    expect(snoozes).toEqual([
      {
        userId: 'u1',
        taskId: claims.taskId,
        reminderId: 'r1',
        snooze: { for: 'PT10M' },
        firing: claims.firing,
      },
    ]);
    const page = await fetch(await link(`until=${UNTIL}`), { method: 'POST', headers: asPage });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<time datetime="${UNTIL}">`);
    expect(snoozes[1]?.snooze).toEqual({ until: UNTIL });
  });

  it('refuses an expired link with 410, to a program as problem+json and to a person as a page', async () => {
    const old = await signSnoozeToken(SECRET, claims, new Date('2020-01-01T00:00:00Z'));
    const json = await fetch(await link('for=PT10M', old), { method: 'POST', headers: asJson });
    expect(json.status).toBe(410);
    expect(json.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await json.json()) as { code: string }).code).toBe('snooze_token_expired');
    const page = await fetch(await link('for=PT10M', old), { method: 'POST', headers: asPage });
    expect(page.status).toBe(410);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('data-code="snooze_token_expired"');
    expect(snoozes).toEqual([]);
  });

  it('refuses a forged link, and a link without exactly one choice of when', async () => {
    const forged = await signSnoozeToken('f'.repeat(32), claims);
    const bad = await fetch(await link('for=PT10M', forged), { headers: asJson });
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([
      400,
      'snooze_token_invalid',
    ]);
    const missing = await fetch(`${app.base}/snooze?for=PT10M`, { headers: asJson });
    expect(((await missing.json()) as { code: string }).code).toBe('snooze_token_invalid');
    const both = await fetch(await link(`for=PT10M&until=${UNTIL}`), {
      method: 'POST',
      headers: asJson,
    });
    expect(both.status).toBe(400);
    const body = (await both.json()) as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((error) => error.path)).toEqual(['for']);
    expect(snoozes).toEqual([]);
  });

  it("shows an actor's refusal on the page, but leaves a failure of ours to problem+json", async () => {
    refuseWith = problem.reminder_not_found('the task has no such reminder');
    const page = await fetch(await link('for=PT10M'), { method: 'POST', headers: asPage });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('data-code="reminder_not_found"');
    refuseWith = problem.actor_unavailable('the service is unavailable, try again');
    const down = await fetch(await link('for=PT10M'), { method: 'POST', headers: asPage });
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('snoozing a reminder as a signed-in user', () => {
  const route = (reminderId: string) =>
    `${app.base}/tasks/${claims.taskId}/reminders/${reminderId}/snooze`;
  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('snoozes any firing of the reminder and answers the task with its ETag', async () => {
    const response = await post(route('r1'), { for: 'PT1H' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"3"');
    expect(((await response.json()) as Task).reminders[0]?.snoozed_until).toBe(UNTIL);
    expect(snoozes).toEqual([
      { userId: 'u1', taskId: claims.taskId, reminderId: 'r1', snooze: { for: 'PT1H' } },
    ]);
  });

  it('answers 404 to a reminder id no reminder can have, and 400 to a body without a choice', async () => {
    const long = await post(route('r'.repeat(201)), { for: 'PT1H' });
    expect([long.status, ((await long.json()) as { code: string }).code]).toEqual([
      404,
      'reminder_not_found',
    ]);
    const empty = await post(route('r1'), {});
    expect([empty.status, ((await empty.json()) as { code: string }).code]).toEqual([
      400,
      'validation_failed',
    ]);
    expect(snoozes).toEqual([]);
  });
});
