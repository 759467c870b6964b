import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, loadSession, logout, saveSession, type Session } from './api.ts';

const session = (n: number): Session => ({
  user: { id: 'u1', email: 'ada@example.test' },
  access_token: `access-${n}`,
  refresh_token: `refresh-${n}`,
});

const origin = 'http://page.test';

type Call = { url: string; body?: unknown; authorization?: string };

/** A server whose access tokens are valid only when they are `access-<valid>`. */
function fakeServer(valid: { n: number }) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: Request | string, init?: RequestInit) => {
    // The client sends a Request, or a URL and an init when there is a body (sendPlain).
    const request = new Request(input, init);
    const url = request.url.replace(origin, '');
    const text = await request.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    const authorization = request.headers.get('authorization') ?? undefined;
    calls.push({ url, body, authorization });
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (url.endsWith('/auth/refresh')) {
      valid.n += 1;
      return Response.json(session(valid.n));
    }
    if (url.endsWith('/auth/logout')) return new Response(null, { status: 204 });
    return authorization === `Bearer access-${valid.n}`
      ? Response.json({ ok: true })
      : Response.json({ code: 'token_expired' }, { status: 401 });
  });
  return { calls, fetch };
}

describe('the web page session', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => store.set(key, value),
      removeItem: (key: string) => store.delete(key),
    });
    vi.stubGlobal('location', { origin, reload: vi.fn() });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('exchanges the refresh token once when several requests find the access token expired', async () => {
    const server = fakeServer({ n: 2 });
    vi.stubGlobal('fetch', server.fetch);
    saveSession(session(1));
    const answers = await Promise.all([api('GET', '/tasks'), api('GET', '/me'), api('GET', '/x')]);
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const refreshes = server.calls.filter((call) => call.url.endsWith('/auth/refresh'));
    expect(refreshes).toEqual([
      {
        url: '/api/v1/auth/refresh',
        body: { refresh_token: 'refresh-1' },
        authorization: undefined,
      },
    ]);
    expect(loadSession()?.refresh_token).toBe('refresh-3');
  });

  it('sends If-Match with the version a command is conditional on, across a token refresh too', async () => {
    const ifMatch: (string | undefined)[] = [];
    const server = fakeServer({ n: 2 });
    vi.stubGlobal(
      'fetch',
      vi.fn((input: Request | string, init?: RequestInit) => {
        const request = new Request(input, init);
        ifMatch.push(request.headers.get('if-match') ?? undefined);
        return server.fetch(request);
      }),
    );
    saveSession(session(1));
    await api('PATCH', '/tasks/t1', { title: 'x' }, { ifMatch: 7 });
    // Expired, refreshed, retried: both attempts are conditional.
    expect(ifMatch).toEqual(['"7"', undefined, '"7"']);
  });

  it('logs out through the API with its refresh token, then forgets the session', async () => {
    const server = fakeServer({ n: 1 });
    vi.stubGlobal('fetch', server.fetch);
    saveSession(session(1));
    await logout();
    expect(server.calls).toEqual([
      {
        url: '/api/v1/auth/logout',
        body: { refresh_token: 'refresh-1' },
        authorization: undefined,
      },
    ]);
    expect(loadSession()).toBeUndefined();
  });

  it('forgets the session even when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('offline')));
    saveSession(session(1));
    await logout();
    expect(loadSession()).toBeUndefined();
  });
});
