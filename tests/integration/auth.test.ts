import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { setTimeout as sleep } from 'node:timers/promises';
import { problemPaths } from '../support/api.ts';
import { clientAt, someClientAddress } from '../support/client-address.ts';
import { clearOfWindowEnd } from '../support/fixed-window.ts';
import { describe, expect, inject, it } from 'vitest';
import { signAccessToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../platform/auth/tokens.ts';

const stack = inject('stack');
const url = (path: string) => `${stack.gatewayUrl}/api/v1${path}`;

// An address of this file's own: its per-address buckets stay apart from the other files'.
const { post } = clientAt(someClientAddress());

const getMe = (token: string) =>
  fetch(url('/me'), { headers: { authorization: `Bearer ${token}` } });

describe('sign-up, log-in, refresh', () => {
  const email = `ada-${randomUUID()}@Example.test`;
  const password = 'analytical engine';
  let refreshToken: string;

  it('signs up, answering a session whose token works, and writes the profile', async () => {
    const response = await post('/auth/signup', {
      email,
      password,
      display_name: 'Ada',
      time_zone: 'Europe/London',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      user: { email: email.toLowerCase() },
    });
    refreshToken = String(response.body!.refresh_token);
    const me = await getMe(String(response.body!.access_token));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      display_name: 'Ada',
      email: email.toLowerCase(),
      time_zone: 'Europe/London',
    });
  });

  it('refuses a second account for the same e-mail, in any case', async () => {
    const response = await post('/auth/signup', { email: email.toUpperCase(), password });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'email_taken' });
  });

  it('logs in with the right password only, with one answer for unknown e-mails and wrong passwords', async () => {
    expect((await post('/auth/login', { email, password })).status).toBe(200);
    const wrong = await post('/auth/login', { email, password: 'difference engine' });
    const unknown = await post('/auth/login', {
      email: `nobody-${randomUUID()}@example.test`,
      password,
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body!.detail).toBe(unknown.body!.detail);
  });

  it('rotates refresh tokens: a used one does not work twice', async () => {
    const first = await post('/auth/refresh', { refresh_token: refreshToken });
    expect(first.status).toBe(200);
    expect(first.body!.refresh_token).not.toBe(refreshToken);
    expect((await post('/auth/refresh', { refresh_token: refreshToken })).status).toBe(401);
  });

  it('validates sign-up input with the offending fields', async () => {
    const response = await post('/auth/signup', {
      email: 'not-an-email',
      password: 'short',
      admin: true,
    });
    expect(response.status).toBe(400);
    expect(problemPaths(response.body)).toEqual(['(body)', 'email', 'password']);
  });
});

describe('tokens', () => {
  const secret = new TextEncoder().encode(stack.secrets['jwt-secret']);

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not.a.token'],
    [
      'alg none',
      new UnsecuredJWT({})
        .setSubject('u1')
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setExpirationTime('1h')
        .encode(),
    ],
  ])('%s gives 401', async (_name, token) => {
    const response = await fetch(
      url('/tasks'),
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('an expired token gives 401 token_expired', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret);
    const response = await getMe(token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'token_expired' });
  });

  it('a tampered token (subject changed after signing) gives 401', async () => {
    const [header, , signature] = (
      await signAccessToken(stack.secrets['jwt-secret'], 'victim')
    ).split('.');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'attacker',
        iss: TOKEN_ISSUER,
        aud: TOKEN_AUDIENCE,
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).toString('base64url');
    expect((await getMe(`${header}.${payload}.${signature}`)).status).toBe(401);
  });

  it('a token signed with another secret gives 401', async () => {
    expect(
      (await getMe(await signAccessToken('another-secret-of-sufficient-length!!', 'u1'))).status,
    ).toBe(401);
  });
});

describe('limits', () => {
  it('answers 429 with Retry-After once the per-address log-in limit is used up', async () => {
    // Invalid bodies count as any attempt does, cost no password hash, and leave the
    // per-account throttle out of it. From an address of its own: used up on a shared address,
    // the bucket would refuse the log-ins of the tests after this one for the rest of the minute.
    const client = clientAt(someClientAddress());
    await clearOfWindowEnd(60, 5);
    const attempts = await Promise.all(
      Array.from({ length: 35 }, () => client.post('/auth/login', {})),
    );
    const limited = attempts.filter((attempt) => attempt.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('limits behind the ingress', () => {
  const password = 'analytical engine';

  it("counts per forwarded client, and a client's log-in storm leaves its sign-up and refresh alone", async () => {
    const stormy = clientAt(someClientAddress());
    const calm = clientAt(someClientAddress());
    const email = `calm-${randomUUID()}@example.test`;
    expect((await calm.post('/auth/signup', { email, password })).status).toBe(201);
    const session = await stormy.post('/auth/signup', {
      email: `stormy-${randomUUID()}@example.test`,
      password,
    });
    expect(session.status).toBe(201);

    // Invalid bodies are counted as any attempt is, and cost no password hash.
    await clearOfWindowEnd(60, 5);
    const storm = await Promise.all(
      Array.from({ length: 35 }, () => stormy.post('/auth/login', {})),
    );
    expect(storm.filter((attempt) => attempt.status === 429).length).toBeGreaterThan(0);
    expect((await stormy.post('/auth/login', {})).body).toMatchObject({ code: 'rate_limited' });

    expect((await calm.post('/auth/login', { email, password })).status).toBe(200);
    const refreshed = await stormy.post('/auth/refresh', {
      refresh_token: session.body!.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const signup = await stormy.post('/auth/signup', {
      email: `stormy-${randomUUID()}@example.test`,
      password,
    });
    expect(signup.status).toBe(201);
  });

  it('locks an account after failed log-ins, even for the right password, and not its neighbour behind the same address', async () => {
    const client = clientAt(someClientAddress());
    const victim = `victim-${randomUUID()}@Example.test`;
    const neighbour = `neighbour-${randomUUID()}@example.test`;
    for (const email of [victim, neighbour])
      expect((await client.post('/auth/signup', { email, password })).status).toBe(201);

    // 5 failures are free, then the lock doubles: fail until 7 have counted (a 4 s lock),
    // waiting out the shorter locks as a client told Retry-After would.
    let failures = 0;
    while (failures < 7) {
      const attempt = await client.post('/auth/login', { email: victim, password: 'wrong!!!' });
      if (attempt.status === 401) failures += 1;
      else {
        expect(attempt.status).toBe(429);
        expect(attempt.body).toMatchObject({ code: 'login_throttled' });
        await sleep(Number(attempt.headers.get('retry-after')) * 1000);
      }
    }

    const locked = await client.post('/auth/login', { email: victim.toUpperCase(), password });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toContain('application/problem+json');
    expect(locked.body).toMatchObject({ code: 'login_throttled' });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);

    expect((await client.post('/auth/login', { email: neighbour, password })).status).toBe(200);

    // Once the lock ends, the right password logs in and the count starts afresh.
    await sleep(retryAfter * 1000);
    expect((await client.post('/auth/login', { email: victim, password })).status).toBe(200);
    const next = await client.post('/auth/login', { email: victim, password: 'wrong!!!' });
    expect(next.status).toBe(401);
  });
});

describe('a flood of log-ins', () => {
  it('hashes one at a time with a short queue, refuses the rest at once, and leaves the API alone', async () => {
    // 40 log-ins at once, each from its own forwarded address (so no per-address limit applies)
    // and each for an unknown e-mail (so each costs a full scrypt hash against the decoy).
    const attempts = Array.from({ length: 40 }, () =>
      clientAt(someClientAddress()).post('/auth/login', {
        email: `nobody-${randomUUID()}@example.test`,
        password: 'guessing',
      }),
    );
    const other = await fetch(url('/tasks?limit=1'), {
      headers: {
        authorization: `Bearer ${await signAccessToken(stack.secrets['jwt-secret'], `flood-bystander-${randomUUID()}`)}`,
      },
    });
    expect(other.status).toBe(200);
    const answers = await Promise.all(attempts);
    const busy = answers.filter((answer) => answer.status === 503);
    const hashed = answers.filter((answer) => answer.status === 401);
    expect(busy.length + hashed.length).toBe(40);
    // One running and 16 waiting at the most: 23 are turned away (20 leaves room for hashes that
    // finish while the 40 are still arriving on a loaded machine).
    expect(busy.length).toBeGreaterThanOrEqual(20);
    expect(busy[0]!.body).toMatchObject({ code: 'busy' });
    expect(busy[0]!.headers.get('retry-after')).toBe('1');
  });
});
