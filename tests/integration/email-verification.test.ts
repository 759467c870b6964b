import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { signVerificationToken } from '../../platform/auth/email-verification-token.ts';
import { createDatabase } from '../../db/database.ts';
import { CAP_REACHED, reserveDailyMail } from '../../host/notifier/daily-mail-cap.ts';
import { clearOfWindowEnd } from '../support/fixed-window.ts';
import { apiAs } from '../support/api.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import {
  reminderMailTo,
  verificationLink,
  verificationMailTo,
  verifyEmail,
} from '../support/mailbox.ts';

const stack = inject('stack');
const db = testDatabase();
const jwtSecret = stack.secrets['jwt-secret'];
/** The notifier's default, which the shared stack runs with. */
const DAILY_CAP = 50;

type Api = Awaited<ReturnType<typeof apiAs>>;

const newAddress = () => `verify-${randomUUID()}@example.test`;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

async function signUp(email: string) {
  const response = await fetch(`${stack.gatewayUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  expect(response.status).toBe(201);
  const session = (await response.json()) as { user: { id: string } };
  return { userId: session.user.id, api: await apiAs(session.user.id) };
}

const profileOf = async (api: Api) =>
  (await api.get('/me')).body as { email: string | null; email_verified: boolean };

/** Follows a link as a JSON client, to read the outcome's stable code. */
async function followAsProgram(link: string) {
  const response = await fetch(link, { headers: { accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A task whose reminder fires in two seconds, and its notification_history row once settled. */
async function firedReminder(api: Api, title: string) {
  const created = await api.post('/tasks', {
    title,
    due_at: inSeconds(3600),
    reminders: [{ at: inSeconds(2) }],
  });
  expect(created.status).toBe(201);
  const taskId = String(created.body!.id);
  return eventually(
    `the notification of ${title}`,
    async () => {
      const { rows } = await db.query<{ status: string; detail: string | null }>(
        'select status, detail from notification_history where task_id = $1',
        [taskId],
      );
      return rows[0] && rows[0].status !== 'sending' ? rows[0] : undefined;
    },
    { timeoutMs: 45_000 },
  );
}

async function verificationRows(userId: string) {
  const { rows } = await db.query<{ email: string; status: string; detail: string | null }>(
    'select email, status, detail from verification_mails where user_id = $1 order by requested_at',
    [userId],
  );
  return rows;
}

describe('e-mail only to a verified address', () => {
  it('sign-up mails a link; reminders wait for it, in the browser only; after it they are mailed', async () => {
    const address = newAddress();
    const { api } = await signUp(address);
    const link = await verificationLink(address);
    expect(link.startsWith(`${stack.gatewayUrl}/api/v1/auth/verify-email?token=`)).toBe(true);
    expect(await profileOf(api)).toMatchObject({ email: address, email_verified: false });

    expect(await firedReminder(api, 'Before verification')).toEqual({
      status: 'skipped',
      detail: 'email not verified',
    });
    expect(await reminderMailTo(address)).toEqual([]);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('E-mail address confirmed');
    expect(await profileOf(api)).toMatchObject({ email: address, email_verified: true });

    expect(await firedReminder(api, 'After verification')).toMatchObject({ status: 'sent' });
    const mails = await reminderMailTo(address);
    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Reminder: After verification/),
    ]);
  });

  it('a new address is unverified again and gets its own link; the old link is refused', async () => {
    const first = newAddress();
    const { userId, api } = await signUp(first);
    const oldLink = await verificationLink(first);
    await verifyEmail(first);
    expect(await profileOf(api)).toMatchObject({ email_verified: true });

    const second = newAddress();
    const changed = await api.call('PATCH', '/me', { email: second });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ email: second, email_verified: false });
    const newLink = await verificationLink(second);

    // A link to the address the account had before proves nothing about the new one.
    expect(await followAsProgram(oldLink)).toMatchObject({
      status: 409,
      body: { code: 'verification_address_changed' },
    });
    const page = await fetch(oldLink);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('data-code="verification_address_changed"');
    expect(await profileOf(api)).toMatchObject({ email: second, email_verified: false });

    expect(await followAsProgram(newLink)).toEqual({
      status: 200,
      body: { email: second, email_verified: true },
    });
    // Setting the same address again changes nothing and mails nothing.
    await api.call('PATCH', '/me', { email: second, display_name: 'Same' });
    expect(await profileOf(api)).toMatchObject({ email: second, email_verified: true });
    expect((await verificationRows(userId)).map((row) => row.email)).toEqual([first, second]);
  });

  it('refuses a forged or expired link with a stable code', async () => {
    const address = newAddress();
    const { userId, api } = await signUp(address);
    const base = `${stack.gatewayUrl}/api/v1/auth/verify-email?token=`;
    expect(await followAsProgram(`${base}not-a-token`)).toMatchObject({
      status: 400,
      body: { code: 'verification_token_invalid' },
    });
    const forged = await signVerificationToken('not the secret', { userId, email: address });
    expect(await followAsProgram(base + forged)).toMatchObject({
      status: 400,
      body: { code: 'verification_token_invalid' },
    });
    const old = await signVerificationToken(
      jwtSecret,
      { userId, email: address },
      new Date(Date.now() - 25 * 3600_000),
    );
    expect(await followAsProgram(base + old)).toMatchObject({
      status: 410,
      body: { code: 'verification_token_expired' },
    });
    expect(await profileOf(api)).toMatchObject({ email_verified: false });
  });

  it('mails another link on request, a few times an hour, then answers 429 with Retry-After', async () => {
    await clearOfWindowEnd(3600, 60);
    const address = newAddress();
    const userId = `resend-${randomUUID()}`;
    const api = await apiAs(userId);
    // Setting the address is the first of the three mails an hour.
    expect((await api.call('PATCH', '/me', { email: address })).status).toBe(200);
    for (let request = 2; request <= 3; request++) {
      const resent = await api.post('/me/email/verification');
      expect(resent).toMatchObject({
        status: 202,
        body: { email: address, email_verified: false },
      });
    }
    await verificationLink(address, 3);
    const refused = await api.post('/me/email/verification');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Changing the address counts too: switching back and forth mails no one beyond the limit.
    expect((await api.call('PATCH', '/me', { email: newAddress() })).status).toBe(429);
    expect(await verificationMailTo(address)).toHaveLength(3);
  }, 150_000);

  it('answers 409 to a resend without an address or for a verified one', async () => {
    const none = await apiAs(`no-email-${randomUUID()}`);
    expect(await none.post('/me/email/verification')).toMatchObject({
      status: 409,
      body: { code: 'no_email' },
    });
    const address = newAddress();
    const { api } = await signUp(address);
    await verifyEmail(address);
    expect(await api.post('/me/email/verification')).toMatchObject({
      status: 409,
      body: { code: 'email_already_verified' },
    });
  });
});

describe('the daily mail cap', () => {
  // Two pools, as two notifier replicas have.
  const replicas = [1, 2].map(() => createDatabase(stack.postgresUrl, { poolSize: 5 }));
  afterAll(() => Promise.all(replicas.map((replica) => replica.destroy())));
  const setCount = (userId: string, sent: number) =>
    db.query(
      `insert into mail_daily_counts (user_id, day, sent)
       values ($1, (now() at time zone 'utc')::date, $2)
       on conflict (user_id, day) do update set sent = excluded.sent`,
      [userId, sent],
    );
  const countOf = async (userId: string) =>
    (
      await db.query<{ sent: number }>(
        `select sent from mail_daily_counts
          where user_id = $1 and day = (now() at time zone 'utc')::date`,
        [userId],
      )
    ).rows[0]?.sent;

  it('holds back a reminder over the cap, and records why', async () => {
    const address = newAddress();
    const { userId, api } = await signUp(address);
    await verifyEmail(address);
    expect(await firedReminder(api, 'Within the cap')).toMatchObject({ status: 'sent' });
    // The verification mail and the reminder, each counted once.
    expect(await countOf(userId)).toBe(2);
    await setCount(userId, DAILY_CAP);
    expect(await firedReminder(api, 'Over the cap')).toEqual({
      status: 'skipped',
      detail: CAP_REACHED,
    });
    expect((await reminderMailTo(address)).map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Reminder: Within the cap/),
    ]);
    expect(await countOf(userId)).toBe(DAILY_CAP);
  });

  it('holds back a verification mail over the cap, and records why', async () => {
    const userId = `capped-${randomUUID()}`;
    const api = await apiAs(userId);
    await setCount(userId, DAILY_CAP);
    const address = newAddress();
    await api.call('PATCH', '/me', { email: address });
    const [row] = await eventually('the verification mail to settle', async () => {
      const rows = await verificationRows(userId);
      return rows[0]?.status === 'skipped' || rows[0]?.status === 'sent' ? rows : undefined;
    });
    expect(row).toMatchObject({ status: 'skipped', detail: CAP_REACHED });
    expect(await verificationMailTo(address)).toEqual([]);
  });

  it('is counted in one statement, so concurrent notifiers never send past it', async () => {
    const userId = `race-${randomUUID()}`;
    const attempts = await Promise.all(
      Array.from({ length: 24 }, (_, index) => reserveDailyMail(replicas[index % 2]!, userId, 5)),
    );
    expect(attempts.filter(Boolean)).toHaveLength(5);
    expect(await countOf(userId)).toBe(5);
  });
});
