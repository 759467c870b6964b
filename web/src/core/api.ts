/** The REST API with the stored session: a 401 refreshes the access token once, then gives up. */
export interface Session {
  user: { id: string; email: string };
  access_token: string;
  refresh_token: string;
}

const KEY = 'todo-chatbot.session';

export const loadSession = (): Session | undefined => {
  const raw = localStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Session) : undefined;
};
export const saveSession = (session: Session | undefined): void => {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
};

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

let refreshing: Promise<boolean> | undefined;

/**
 * Exchanges the refresh token once for all requests that found the access token expired: a
 * refresh token works once, and presenting it a second time ends the whole session. A request
 * that set out with a session since refreshed (here or in another tab) just retries.
 */
function refreshSession(session: Session): Promise<boolean> {
  const current = loadSession();
  if (current?.refresh_token !== session.refresh_token) return Promise.resolve(!!current);
  refreshing ??= (async () => {
    try {
      const refreshed = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: session.refresh_token }),
      });
      if (refreshed.ok) saveSession((await refreshed.json()) as Session);
      return refreshed.ok;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/**
 * Ends the session on the server (its refresh token stops working), then forgets it here. A
 * failure to reach the server still forgets it: the user asked to be logged out of this page.
 */
export async function logout(): Promise<void> {
  const session = loadSession();
  if (session) {
    await fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: session.refresh_token }),
    }).catch(() => undefined);
  }
  saveSession(undefined);
}

export interface RequestOptions {
  /** Makes a command conditional on the task's version: 409 version_conflict when it moved on. */
  ifMatch?: number;
}

export function api<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  return send<T>(method, path, body, options, false);
}

async function send<T>(
  method: string,
  path: string,
  body: unknown,
  options: RequestOptions,
  retried: boolean,
): Promise<T> {
  const session = loadSession();
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: {
      ...(session ? { authorization: `Bearer ${session.access_token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.ifMatch === undefined ? {} : { 'if-match': `"${options.ifMatch}"` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && session && !retried && !path.startsWith('/auth/')) {
    if (await refreshSession(session)) return send<T>(method, path, body, options, true);
    saveSession(undefined);
    location.reload();
  }
  const text = await response.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  if (!response.ok) {
    throw new ApiProblem(
      response.status,
      String(json?.code ?? 'error'),
      String(json?.detail ?? response.statusText),
      (json?.errors as { path: string; message: string }[]) ?? [],
    );
  }
  return json as T;
}
