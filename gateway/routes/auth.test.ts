import { randomBytes, scryptSync } from 'node:crypto';
import type { RequestHandler } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signVerificationToken } from '../../platform/auth/email-verification-token.ts';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import type { Session } from '../../schemas/auth.ts';
import type { Profile } from '../../schemas/user.ts';
import { serveRouters, type InProcessApp } from '../../tests/support/in-process-app.ts';
import { ActorClient } from '../actor-client.ts';
import type { Account, RefreshRefusal } from '../auth/accounts.ts';
import { hashPassword, needsRehash } from '../auth/passwords.ts';
import { RetryLaterError } from '../errors.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { UserActorClient } from '../user-actor-client.ts';
import { authRouter, type AuthRouterDependencies } from './auth.ts';

const SECRET = 'j'.repeat(32);
const PASSWORD = 'correct horse battery staple';
const alice: Account = { id: 'u-alice', email: 'alice@example.com', password_hash: '' };
/** Stored before the scrypt parameters were raised: a log-in upgrades it. */
const bob: Account = { id: 'u-bob', email: 'bob@example.com', password_hash: '' };

function legacyHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  return ['scrypt', 2 ** 10, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const sessionOf = (account: Pick<Account, 'id' | 'email'>, refreshToken: string): Session => ({
  user: { id: account.id, email: account.email },
  token_type: 'Bearer',
  access_token: `access-of-${account.id}`,
  expires_in: 900,
  refresh_token: refreshToken,
});

/** What the routes did to the accounts and the throttle, in order. */
const done: string[] = [];
const accounts: AuthRouterDependencies['accounts'] = {
  findByEmail: async (email) => [alice, bob].find((account) => account.email === email),
  create: async () => {
    done.push('create');
    // A concurrent sign-up took the address between the lookup and the insert.
    return undefined;
  },
  setPasswordHash: async (id, hash, onlyIfStill) => {
    done.push(
      `rehash ${id} ${needsRehash(hash) ? 'old' : 'current'} ${onlyIfStill === bob.password_hash}`,
    );
  },
  issueSession: async (account) => sessionOf(account, 'r'.repeat(40)),
  refresh: async (token): Promise<Session | RefreshRefusal> =>
    token.startsWith('used')
      ? 'reused'
      : token.startsWith('good')
        ? sessionOf(alice, 'n'.repeat(40))
        : 'invalid',
  logout: async (token) => void done.push(`logout ${token.slice(0, 4)}`),
  logoutEverywhere: async (id) => void done.push(`logout-all ${id}`),
};
const locked = new Set<string>();
const throttle: AuthRouterDependencies['throttle'] = {
  refuseIfLocked: async (email) => {
    if (locked.has(email)) throw new RetryLaterError('login_throttled', 'wait', 8);
  },
  recordFailure: async (email) => void done.push(`failure ${email}`),
  clear: async (email) => void done.push(`clear ${email}`),
};

/** The UserActor's answers to confirmEmail, through the real clients. */
const confirmations: unknown[] = [];
const profile = (email: string): Profile => ({
  user_id: alice.id,
  display_name: 'Alice',
  email,
  email_verified: true,
  time_zone: 'UTC',
  notifications: { email: true },
  created_at: '2026-11-26T10:00:00.000Z',
  updated_at: '2026-11-26T10:00:00.000Z',
});
const users = new UserActorClient(
  new ActorClient({
    invokeActor: async (_type, _id, method, body) => {
      confirmations.push({ method, body });
      const { email } = body as { email: string };
      return email === 'changed@example.com'
        ? {
            ok: false,
            error: { code: 'verification_address_changed', message: 'the address changed since' },
          }
        : { ok: true, profile: profile(email) };
    },
  }),
);

const pass: RequestHandler = (_request, _response, next) => next();
let app: InProcessApp;
beforeAll(async () => {
  alice.password_hash = await hashPassword(PASSWORD);
  bob.password_hash = legacyHash(PASSWORD);
  app = await serveRouters({
    '/auth': authRouter({
      accounts,
      users,
      throttle,
      authenticate: authenticate(SECRET),
      limits: { signup: pass, login: pass, refresh: pass, verify: pass },
      jwtSecret: SECRET,
    }),
  });
}, 30_000);
afterAll(() => app.close());
beforeEach(() => {
  done.length = 0;
  confirmations.length = 0;
  locked.clear();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.base}/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const codeOf = async (response: Response) =>
  [response.status, ((await response.json()) as { code: string }).code] as const;

describe('log-in', () => {
  it('answers a session to the right password and starts the failure count afresh', async () => {
    const response = await post('/login', { email: alice.email, password: PASSWORD });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(sessionOf(alice, 'r'.repeat(40)));
    expect(done).toEqual([`clear ${alice.email}`]);
  }, 30_000);

  it('refuses a wrong password and an unknown address alike, counting both', async () => {
    expect(await codeOf(await post('/login', { email: alice.email, password: 'wrong' }))).toEqual([
      401,
      'invalid_credentials',
    ]);
    expect(
      await codeOf(await post('/login', { email: 'nobody@example.com', password: PASSWORD })),
    ).toEqual([401, 'invalid_credentials']);
    expect(done).toEqual([`failure ${alice.email}`, 'failure nobody@example.com']);
  }, 30_000);

  it('refuses a locked account with 429 and Retry-After, before any password check', async () => {
    locked.add(alice.email);
    const response = await post('/login', { email: alice.email, password: PASSWORD });
    expect(response.headers.get('retry-after')).toBe('8');
    expect(await codeOf(response)).toEqual([429, 'login_throttled']);
    expect(done).toEqual([]);
  });

  it('re-hashes a password stored with old parameters, unless it changed meanwhile', async () => {
    const response = await post('/login', { email: bob.email, password: PASSWORD });
    expect(response.status).toBe(200);
    expect(done).toEqual([`clear ${bob.email}`, `rehash ${bob.id} current true`]);
  }, 30_000);
});

describe('sign-up', () => {
  it('answers 409 email_taken to a known address, and to one taken concurrently', async () => {
    const known = await post('/signup', { email: alice.email, password: 'a long new password' });
    expect(await codeOf(known)).toEqual([409, 'email_taken']);
    expect(done).toEqual([]);
    const raced = await post('/signup', {
      email: 'carol@example.com',
      password: 'a long password',
    });
    expect(await codeOf(raced)).toEqual([409, 'email_taken']);
    expect(done).toEqual(['create']);
  }, 30_000);
});

describe('refresh and log-out', () => {
  it('exchanges a refresh token, and tells a reused one from an unknown one', async () => {
    const good = await post('/refresh', { refresh_token: 'good'.padEnd(40, '-') });
    expect(await good.json()).toEqual(sessionOf(alice, 'n'.repeat(40)));
    expect(await codeOf(await post('/refresh', { refresh_token: 'used'.padEnd(40, '-') }))).toEqual(
      [401, 'refresh_token_reused'],
    );
    expect(await codeOf(await post('/refresh', { refresh_token: 'what'.padEnd(40, '-') }))).toEqual(
      [401, 'invalid_refresh_token'],
    );
    expect(await codeOf(await post('/refresh', { refresh_token: 'short' }))).toEqual([
      400,
      'validation_failed',
    ]);
  });

  it('ends the session of a token, or every session of the signed-in user', async () => {
    expect((await post('/logout', { refresh_token: 'some'.padEnd(40, '-') })).status).toBe(204);
    expect(await codeOf(await post('/logout-all', {}))).toEqual([401, 'unauthorized']);
    const token = await signAccessToken(SECRET, alice.id);
    const all = await post('/logout-all', {}, { authorization: `Bearer ${token}` });
    expect(all.status).toBe(204);
    expect(done).toEqual(['logout some', `logout-all ${alice.id}`]);
  });
});

describe('the link of a verification mail', () => {
  const open = async (token: string, accept: string) =>
    fetch(`${app.base}/auth/verify-email?token=${token}`, { headers: { accept } });
  const tokenFor = (email: string, now?: Date) =>
    signVerificationToken(SECRET, { userId: alice.id, email }, now);

  it('confirms the address the link was mailed to, as its user', async () => {
    const json = await open(await tokenFor(alice.email), 'application/json');
    expect(await json.json()).toEqual({ email: alice.email, email_verified: true });
    expect(confirmations).toEqual([
      {
        method: 'confirmEmail',
        body: { caller: { user_id: alice.id, correlation_id: 'none' }, email: alice.email },
      },
    ]);
    const page = await open(await tokenFor(alice.email), 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).not.toContain('data-code');
  });

  it('refuses expired and forged links, to a program as problems and to a person as pages', async () => {
    const expired = await tokenFor(alice.email, new Date('2020-01-01T00:00:00Z'));
    expect(await codeOf(await open(expired, 'application/json'))).toEqual([
      410,
      'verification_token_expired',
    ]);
    const page = await open(expired, 'text/html');
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('data-code="verification_token_expired"');
    const forged = await signVerificationToken('f'.repeat(32), { userId: 'u', email: 'x@y.z' });
    expect(await codeOf(await open(forged, 'application/json'))).toEqual([
      400,
      'verification_token_invalid',
    ]);
    expect(
      (await fetch(`${app.base}/auth/verify-email`, { headers: { accept: 'text/html' } })).status,
    ).toBe(400);
    expect(confirmations).toEqual([]);
  });

  it("shows the UserActor's refusal, such as an address changed since the mail", async () => {
    const page = await open(await tokenFor('changed@example.com'), 'text/html');
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('data-code="verification_address_changed"');
  });
});
