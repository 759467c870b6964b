import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { problemPaths } from '../support/api.ts';
import { describe, expect, inject, it } from 'vitest';
import { signAccessToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../platform/auth/tokens.ts';

const stack = inject('stack');
const url = (path: string) => `${stack.gatewayUrl}/api/v1${path}`;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

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
    const attempts = await Promise.all(
      Array.from({ length: 35 }, () =>
        post('/auth/login', { email: 'x@example.test', password: 'wrong-password' }),
      ),
    );
    const limited = attempts.filter((attempt) => attempt.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
