import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OperatorActorView, OperatorHostsView } from '../../schemas/operator.ts';
import type { Task } from '../../schemas/task.ts';
import { apiAs } from '../support/api.ts';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { TEST_OPERATOR_ID } from '../support/operator.ts';

/**
 * Actor inspection for operators (docs/SECURITY.md, "Operators"): the operator configured for
 * the shared stack reads another user's actors and the actor hosts; a user is refused alike
 * for what exists and what does not; every operator access is in the audit log.
 */
const db = testDatabase();
type Api = Awaited<ReturnType<typeof apiAs>>;
let operator: Api;
let alice: Api;
let aliceId: string;
let task: Task;

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

beforeAll(async () => {
  aliceId = `alice-${randomUUID()}`;
  [operator, alice] = await Promise.all([apiAs(TEST_OPERATOR_ID), apiAs(aliceId)]);
  expect((await alice.call('PATCH', '/me', { display_name: 'Alice Inspected' })).status).toBe(200);
  const created = await alice.post('/tasks', {
    title: 'Inspected by an operator',
    due_at: inAnHour(),
    reminders: [{ at: inAnHour() }],
  });
  expect(created.status).toBe(201);
  task = created.body as unknown as Task;
});

/** The operator.inspected rows written for one request, by its correlation id. */
const auditRowsOf = async (correlationId: string | null) =>
  (
    await db.query<{ user_id: string; event_type: string; data: unknown }>(
      `select user_id, event_type, payload->'data' as data from audit_log where correlation_id = $1`,
      [correlationId],
    )
  ).rows;

describe('an operator', () => {
  it("reads another user's task actor: host, state, scheduler reminders, pending effects", async () => {
    const answer = await operator.get(`/operator/actors/TaskActor/${task.id}`);
    expect(answer.status).toBe(200);
    const view = answer.body as unknown as OperatorActorView;
    expect(view.actor).toEqual({ type: 'TaskActor', id: task.id });
    expect(view.host.app_id).toBe('todo-actors');
    expect(view.host.instance).toMatch(/\S/);
    expect(view.state).toMatchObject({ task: { id: task.id, user_id: aliceId }, deleted_at: null });
    expect(view.scheduled_reminders).toHaveLength(1);
    expect(view.scheduled_reminders[0]!.reminder).toMatchObject({ period: expect.any(String) });
    // The create's effects ran before it answered: nothing is left pending.
    expect(view.pending_effects).toEqual([]);
    expect(await auditRowsOf(answer.headers.get('x-correlation-id'))).toEqual([
      {
        user_id: TEST_OPERATOR_ID,
        event_type: 'operator.inspected',
        data: { actor_type: 'TaskActor', actor_id: task.id },
      },
    ]);
  });

  it("reads another user's UserActor, and an actor that has no state", async () => {
    const answer = await operator.get(`/operator/actors/UserActor/${aliceId}`);
    expect(answer.status).toBe(200);
    const view = answer.body as unknown as OperatorActorView;
    expect(view.actor).toEqual({ type: 'UserActor', id: aliceId });
    expect(view.state).toMatchObject({ user_id: aliceId, display_name: 'Alice Inspected' });
    expect(view.host.app_id).toBe('todo-actors');
    expect(await auditRowsOf(answer.headers.get('x-correlation-id'))).toEqual([
      {
        user_id: TEST_OPERATOR_ID,
        event_type: 'operator.inspected',
        data: { actor_type: 'UserActor', actor_id: aliceId },
      },
    ]);

    const never = await operator.get(`/operator/actors/TaskActor/${randomUUID()}`);
    expect(never.status).toBe(200);
    expect(never.body).toMatchObject({ state: null, scheduled_reminders: [], pending_effects: [] });
  });

  it('reads the active actors per type of every actor host, the task’s host among them', async () => {
    const held = (await operator.get(`/operator/actors/TaskActor/${task.id}`))
      .body as unknown as OperatorActorView;
    // Hosts report every few seconds: the count includes the task once a report followed it.
    const answer = await eventually('a report of the task’s host counting it', async () => {
      const hosts = await operator.get('/operator/hosts');
      const holder = (hosts.body as unknown as OperatorHostsView).hosts.find(
        (host) => host.instance === held.host.instance,
      );
      const tasks = holder?.active_actors.find((actors) => actors.type === 'TaskActor');
      return tasks && tasks.count > 0 ? hosts : undefined;
    });
    expect(answer.status).toBe(200);
    const { hosts } = answer.body as unknown as OperatorHostsView;
    expect(new Set(hosts.map((host) => host.instance)).size).toBe(hosts.length);
    for (const host of hosts) {
      expect(host.app_id).toBe('todo-actors');
      expect(Date.parse(host.reported_at)).toBeGreaterThanOrEqual(Date.parse(host.started_at));
    }
    expect(hosts.find((host) => host.instance === held.host.instance)!.active_actors).toEqual(
      expect.arrayContaining([
        { type: 'TaskActor', count: expect.any(Number) },
        { type: 'UserActor', count: expect.any(Number) },
      ]),
    );
    expect(await auditRowsOf(answer.headers.get('x-correlation-id'))).toEqual([
      { user_id: TEST_OPERATOR_ID, event_type: 'operator.inspected', data: { hosts: true } },
    ]);
  });

  it('no longer lists a host whose last report is stale (killed without shutting down)', async () => {
    const gone = `gone-${randomUUID()}`;
    await db.query(
      `insert into actor_hosts (instance, app_id, active_actors, started_at, reported_at)
       values ($1, 'todo-actors', '[]', now() - interval '1 hour', now() - interval '1 minute')`,
      [gone],
    );
    const { hosts } = (await operator.get('/operator/hosts')).body as unknown as OperatorHostsView;
    expect(hosts.length).toBeGreaterThanOrEqual(1);
    expect(hosts.map((host) => host.instance)).not.toContain(gone);
  });

  it("leaves the owner's own history and audit trail the owner's events", async () => {
    const audit = (await alice.get('/audit')).body as { items: { event_type: string }[] };
    const history = (await alice.get(`/tasks/${task.id}/history`)).body as typeof audit;
    for (const items of [audit.items, history.items])
      expect(items.map((item) => item.event_type)).not.toContain('operator.inspected');
  });

  it('gets a clear 404 for an actor type or id that cannot exist', async () => {
    const type = await operator.get(`/operator/actors/NoSuchActor/${task.id}`);
    expect([type.status, type.problem, type.body?.code]).toEqual([404, true, 'actor_type_unknown']);
    const id = await operator.get('/operator/actors/TaskActor/not-a-task-id');
    expect([id.status, id.problem, id.body?.code]).toEqual([404, true, 'actor_not_found']);
  });

  it('cannot change anything: the routes are read-only', async () => {
    const write = await operator.call('POST', `/operator/actors/TaskActor/${task.id}`, {});
    expect([write.status, write.body?.code]).toEqual([405, 'method_not_allowed']);
  });
});

describe('a user who is not an operator', () => {
  it('is refused alike for existing and missing actors, and for the hosts', async () => {
    const bob = await apiAs(`bob-${randomUUID()}`);
    const paths = [
      `/operator/actors/TaskActor/${task.id}`,
      `/operator/actors/TaskActor/${randomUUID()}`,
      `/operator/actors/UserActor/${aliceId}`,
      `/operator/actors/UserActor/nobody-${randomUUID()}`,
      `/operator/actors/NoSuchActor/x`,
      '/operator/hosts',
    ];
    // Even the owner: the role is the operator's, not the actor owner's.
    for (const caller of [bob, alice]) {
      for (const path of paths) {
        const answer = await caller.get(path);
        const { instance: _instance, ...problem } = answer.body ?? {};
        expect([path, answer.status, answer.problem, problem]).toEqual([
          path,
          403,
          true,
          {
            type: expect.any(String),
            title: expect.any(String),
            status: 403,
            code: 'operator_only',
            detail: 'this needs the operator role',
            correlation_id: expect.any(String),
          },
        ]);
        expect(await auditRowsOf(answer.headers.get('x-correlation-id'))).toEqual([]);
      }
    }
  });

  it('leaves the task as it was: its owner still reads it', async () => {
    await eventually('the task reads back', async () =>
      (await alice.get(`/tasks/${task.id}`)).status === 200 ? true : undefined,
    );
  });
});

describe('the operator page', () => {
  const stack = inject('stack');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The page at `hash`, signed in with the session of `api`'s user (as the log-in page keeps it). */
  async function operatorPage(api: Api, userId: string, hash: string) {
    // axe is injected as a script tag, which the gateway's CSP would refuse.
    const context = await browser.newContext({ bypassCSP: true });
    const session = {
      user: { id: userId, email: `${userId}@example.test` },
      access_token: api.token,
      refresh_token: 'none',
    };
    await context.addInitScript((value) => {
      (
        globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }
      ).localStorage.setItem('todo-chatbot.session', value);
    }, JSON.stringify(session));
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
    await page.goto(`${stack.gatewayUrl}/operator.html${hash}`);
    return { page, close: () => context.close() };
  }

  it("shows an operator any user's task actor and the hosts, with no axe violation", async () => {
    const { page, close } = await operatorPage(operator, TEST_OPERATOR_ID, `#TaskActor/${task.id}`);
    try {
      await page.getByRole('heading', { name: `TaskActor ${task.id}` }).waitFor();
      await page.getByRole('heading', { name: 'Actor hosts' }).waitFor();
      expect(await page.locator('.actor-host').textContent()).toMatch(
        /^Held by \S+ \(todo-actors\)$/,
      );
      expect(await page.locator('pre.state').textContent()).toContain(aliceId);
      expect(await axeViolations(page)).toEqual([]);
      // Landmarks (one main, all content in a region) are moderate in axe; this page keeps them.
      expect(await axeViolations(page, ['moderate'])).toEqual([]);

      await page.getByLabel('Actor type').selectOption('UserActor');
      await page.getByLabel('Actor id').fill(aliceId);
      await page.getByRole('button', { name: 'Inspect' }).click();
      await page.getByRole('heading', { name: `UserActor ${aliceId}` }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows anyone else only that it is for operators', async () => {
    const { page, close } = await operatorPage(alice, aliceId, `#TaskActor/${task.id}`);
    try {
      await page.getByRole('alert').filter({ hasText: 'This page is for operators' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Actor hosts' }).count()).toBe(0);
      expect(await page.locator('pre.state').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
