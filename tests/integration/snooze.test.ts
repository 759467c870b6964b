import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it } from 'vitest';
import { signSnoozeToken } from '../../platform/auth/snooze-token.ts';
import type { Task } from '../../schemas/task.ts';
import { gatewayClient, type GatewayCall } from '../support/gateway-client.ts';
import { eventually } from '../support/eventually.ts';
import { useOwnStack } from '../support/own-stack.ts';
import {
  followVerificationLink,
  isVerificationMail,
  sinkMessages,
  type SinkMessage,
} from '../support/smtp-sink.ts';

/**
 * Snoozing a fired reminder: through the API and through the signed links of the reminder mail,
 * each mailing exactly once more at the snoozed time, and across a restart of the actor host.
 */

interface Stack {
  gatewayUrl: string;
  smtpSinkUrl: string;
  jwtSecret: string;
}

const shared = (): Stack => {
  const stack = inject('stack');
  return {
    gatewayUrl: stack.gatewayUrl,
    smtpSinkUrl: stack.smtpSinkUrl,
    jwtSecret: stack.secrets['jwt-secret'],
  };
};

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/** A user with a verified address (reminders are mailed only to those). */
async function mailUser(stack: Stack) {
  const address = `${randomUUID()}@example.test`;
  const userId = `snooze-${randomUUID()}`;
  const { call } = await gatewayClient(stack, userId);
  const patched = await call('PATCH', '/me', { email: address, time_zone: 'Europe/Berlin' });
  expect(patched.status).toBe(200);
  await followVerificationLink(stack.smtpSinkUrl, address);
  return { api: call, address, userId };
}

const remindersTo = async (stack: Stack, address: string): Promise<SinkMessage[]> =>
  (await sinkMessages(stack.smtpSinkUrl)).filter(
    (message) => message.to === address && !isVerificationMail(message),
  );

/** Waits for the `count`th reminder mail to `address`. */
async function reminderMail(
  stack: Stack,
  address: string,
  count: number,
  timeoutMs = 30_000,
): Promise<SinkMessage> {
  const mails = await eventually(
    `reminder mail ${count} to ${address}`,
    async () => {
      const found = await remindersTo(stack, address);
      return found.length >= count ? found : undefined;
    },
    { timeoutMs },
  );
  return mails[count - 1]!;
}

/**
 * No further mail: a snoozed reminder's scheduler entry repeats every 10 s until handled, so a
 * second firing would show within that.
 */
async function expectNoMoreThan(stack: Stack, address: string, count: number) {
  await sleep(12_000);
  const mails = await remindersTo(stack, address);
  expect(mails).toHaveLength(count);
  expect(new Set(mails.map((mail) => mail.headers['message-id'])).size).toBe(count);
}

/** A task whose reminder fires in two seconds and has been mailed. */
async function firedTask(stack: Stack, api: GatewayCall, address: string) {
  const created = await api('POST', '/tasks', {
    title: `Call the dentist ${randomUUID().slice(0, 8)}`,
    due_at: inSeconds(3600),
    reminders: [{ at: inSeconds(2) }],
  });
  expect(created.status).toBe(201);
  const task = created.body as unknown as Task;
  const mail = await reminderMail(stack, address, 1);
  return { task, reminderId: task.reminders[0]!.id, mail };
}

const snoozePath = (taskId: string, reminderId: string) =>
  `/tasks/${taskId}/reminders/${encodeURIComponent(reminderId)}/snooze`;

const snoozeLinksIn = (mail: SinkMessage): string[] =>
  [...mail.text.matchAll(/https?:\/\/\S+\/api\/v1\/snooze\?\S+/g)].map((match) => match[0]);

/** A link with its choice replaced (the token, which is what the test is about, unchanged). */
function withChoice(link: string, choice: Record<string, string>): string {
  const url = new URL(link);
  url.searchParams.delete('for');
  url.searchParams.delete('until');
  for (const [key, value] of Object.entries(choice)) url.searchParams.set(key, value);
  return url.toString();
}

const json = { accept: 'application/json' };

describe('snoozing a fired reminder through the API', () => {
  it('mails exactly once more at the snoozed time, and shows in the history', async () => {
    const stack = shared();
    const { api, address } = await mailUser(stack);
    const { task, reminderId } = await firedTask(stack, api, address);

    const until = inSeconds(4);
    const snoozed = await api('POST', snoozePath(task.id, reminderId), { until });
    expect(snoozed.status).toBe(200);
    const reminder = (snoozed.body as unknown as Task).reminders[0]!;
    expect(reminder.snoozed_until).toBe(until);
    expect(reminder.fired_at).not.toBeNull();

    const second = await reminderMail(stack, address, 2);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    expect(second.subject).toContain('Reminder: Call the dentist');
    await expectNoMoreThan(stack, address, 2);

    const history = await api('GET', `/tasks/${task.id}/history`);
    const types = (history.body!.items as { event_type: string }[]).map((e) => e.event_type);
    expect(types.filter((type) => type === 'reminder.due')).toHaveLength(2);
    expect(types).toContain('reminder.snoozed');
    const after = await api('GET', `/tasks/${task.id}`);
    expect((after.body as unknown as Task).reminders[0]).not.toHaveProperty('snoozed_until');
  });

  it('refuses what cannot be snoozed, each with its code', async () => {
    const stack = shared();
    const { call: api } = await gatewayClient(stack, `snooze-${randomUUID()}`);
    const created = await api('POST', '/tasks', {
      title: 'refusals',
      reminders: [{ at: inSeconds(3600) }],
    });
    const task = created.body as unknown as Task;
    const path = snoozePath(task.id, task.reminders[0]!.id);

    const both = await api('POST', path, { for: 'PT10M', until: inSeconds(600) });
    expect([both.status, both.body?.code]).toEqual([400, 'validation_failed']);
    const neither = await api('POST', path, {});
    expect([neither.status, neither.body?.code]).toEqual([400, 'validation_failed']);
    const past = await api('POST', path, { until: inSeconds(-60) });
    expect([past.status, past.body?.code]).toEqual([400, 'validation_failed']);
    expect(past.body?.errors).toEqual([expect.objectContaining({ path: 'until' })]);
    const tooFar = await api('POST', path, { for: 'P31D' });
    expect([tooFar.status, tooFar.body?.code]).toEqual([400, 'validation_failed']);
    const unknown = await api('POST', snoozePath(task.id, 'at:2030-01-01T00:00:00.000Z'), {
      for: 'PT10M',
    });
    expect([unknown.status, unknown.body?.code]).toEqual([404, 'reminder_not_found']);
    const stranger = await (
      await gatewayClient(stack, `snooze-${randomUUID()}`)
    ).call('POST', path, { for: 'PT10M' });
    expect([stranger.status, stranger.body?.code]).toEqual([404, 'task_not_found']);

    // Not fired yet: allowed, it moves the reminder.
    const moved = await api('POST', path, { for: 'PT2H' });
    expect(moved.status).toBe(200);

    await api('POST', `/tasks/${task.id}/complete`);
    const completed = await api('POST', path, { for: 'PT10M' });
    expect([completed.status, completed.body?.code]).toEqual([409, 'task_completed']);
    await api('DELETE', `/tasks/${task.id}`);
    const deleted = await api('POST', path, { for: 'PT10M' });
    expect([deleted.status, deleted.body?.code]).toEqual([409, 'task_deleted']);
  });
});

describe('the snooze links of the reminder mail', () => {
  it('work without logging in, mail exactly once more, and a later firing makes them stale', async () => {
    const stack = shared();
    const { api, address } = await mailUser(stack);
    const { task, mail } = await firedTask(stack, api, address);
    const links = snoozeLinksIn(mail);
    expect(links).toHaveLength(3);
    const [tenMinutes] = links;

    // Following the link (as a mail scanner does too) only asks.
    const asked = await fetch(tenMinutes!);
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('<form method="post"');
    expect(page).toContain('in 10 minutes');
    const untouched = await api('GET', `/tasks/${task.id}`);
    expect((untouched.body as unknown as Task).reminders[0]).not.toHaveProperty('snoozed_until');

    // The button: a POST to the same address, no credentials.
    const clicked = await fetch(tenMinutes!, { method: 'POST', headers: json });
    expect(clicked.status).toBe(200);
    const body = (await clicked.json()) as { snoozed_until: string };
    const inTen = Date.parse(body.snoozed_until) - Date.now();
    expect(inTen).toBeGreaterThan(9 * 60_000);
    expect(inTen).toBeLessThanOrEqual(10 * 60_000);

    // The same link, its time brought forward to a few seconds from now, replaces that snooze.
    const soon = await fetch(withChoice(tenMinutes!, { until: inSeconds(4) }), {
      method: 'POST',
    });
    expect(soon.status).toBe(200);
    expect(await soon.text()).toContain('Reminder snoozed');

    const second = await reminderMail(stack, address, 2);
    await expectNoMoreThan(stack, address, 2);
    expect(snoozeLinksIn(second)).toHaveLength(3);
    expect(snoozeLinksIn(second)[0]).not.toBe(tenMinutes);

    // The first mail's link cannot snooze the second firing.
    const stale = await fetch(tenMinutes!, { method: 'POST', headers: json });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe('snooze_link_superseded');
  });

  it('refuse a tampered or expired token with a stable code, as a page or as JSON', async () => {
    const stack = shared();
    const claims = {
      userId: `snooze-${randomUUID()}`,
      taskId: randomUUID(),
      reminderId: 'at:2030-01-01T00:00:00.000Z',
      firing: '2030-01-01T00:00:00.100Z',
    };
    const link = (token: string) =>
      `${stack.gatewayUrl}/api/v1/snooze?${new URLSearchParams({ token, for: 'PT10M' }).toString()}`;

    const token = await signSnoozeToken(stack.jwtSecret, claims);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        sub: 'someone-else',
      }),
    ).toString('base64url');
    const tampered = await fetch(link(`${header}.${forged}.${signature}`), {
      method: 'POST',
      headers: json,
    });
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('content-type')).toContain('application/problem+json');
    expect(((await tampered.json()) as { code: string }).code).toBe('snooze_token_invalid');

    const expired = await signSnoozeToken(
      stack.jwtSecret,
      claims,
      new Date(Date.now() - 8 * 24 * 3600_000),
    );
    const late = await fetch(link(expired), { method: 'POST', headers: json });
    expect(late.status).toBe(410);
    expect(((await late.json()) as { code: string }).code).toBe('snooze_token_expired');
    const latePage = await fetch(link(expired));
    expect(latePage.status).toBe(410);
    expect(await latePage.text()).toContain('data-code="snooze_token_expired"');

    const missing = await fetch(`${stack.gatewayUrl}/api/v1/snooze?for=PT10M`, { headers: json });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: string }).code).toBe('snooze_token_invalid');
  });
});

describe('a snooze across a restart of the actor host', () => {
  // Local processes: the test kills them by pid.
  const own = useOwnStack('snooze', () => ({}), { infra: 'processes', restartCrashed: false });

  it('still mails exactly once more, at the snoozed time', async () => {
    const info = own.stack().info;
    const stack: Stack = {
      gatewayUrl: info.gatewayUrl,
      smtpSinkUrl: info.smtpSinkUrl,
      jwtSecret: info.secrets['jwt-secret'],
    };
    const { api, address } = await mailUser(stack);
    const { task, reminderId } = await firedTask(stack, api, address);
    const until = inSeconds(8);
    const snoozed = await api('POST', snoozePath(task.id, reminderId), { until });
    expect(snoozed.status).toBe(200);

    await Promise.all([
      own.stack().process('todo-actors').kill(),
      own.stack().process('daprd-todo-actors').kill(),
    ]);
    await sleep(500);
    await own.stack().startApp('todo-actors');

    await reminderMail(stack, address, 2, 90_000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    await expectNoMoreThan(stack, address, 2);
  });
});
