/**
 * The REST API with the stored session, through the API's one client (client/api-client.ts): a
 * 401 refreshes the access token once, then gives up.
 */
import { createApiClient, type ApiClient } from '../../../client/api-client.ts';
import { ApiProblem } from '../../../client/problem.ts';

export { ApiProblem };

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

let clients: { session: ApiClient; anonymous: ApiClient } | undefined;

/** Made at first use, on the page's origin; the refresh token, not the expired access token, signs in anew. */
const client = () =>
  (clients ??= {
    session: createApiClient({
      baseUrl: `${location.origin}/api/v1`,
      getToken: () => loadSession()?.access_token,
      onUnauthorized: renew,
    }),
    anonymous: createApiClient({ baseUrl: `${location.origin}/api/v1` }),
  });

/** A 401 outside /auth/: refresh the session and retry, or forget it and start over signed out. */
async function renew(request: Request): Promise<boolean> {
  if (new URL(request.url).pathname.startsWith('/api/v1/auth/')) return false;
  if (await refreshSession(request.headers.get('authorization'))) return true;
  saveSession(undefined);
  location.reload();
  return false;
}

let refreshing: Promise<boolean> | undefined;

/**
 * Exchanges the refresh token once for all requests that found the access token expired: a
 * refresh token works once, and presenting it a second time ends the whole session. A request
 * that set out with a session since refreshed (here or in another tab) just retries.
 */
function refreshSession(sentWith: string | null): Promise<boolean> {
  const current = loadSession();
  if (!current || `Bearer ${current.access_token}` !== sentWith) return Promise.resolve(!!current);
  refreshing ??= (async () => {
    try {
      const { data } = await client().anonymous.POST('/auth/refresh', {
        body: { refresh_token: current.refresh_token },
      });
      saveSession(data as Session);
      return true;
    } catch (error) {
      if (error instanceof ApiProblem) return false;
      throw error;
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
    await client()
      .anonymous.POST('/auth/logout', { body: { refresh_token: session.refresh_token } })
      .catch(() => undefined);
  }
  saveSession(undefined);
}

export interface RequestOptions {
  /** Makes a command conditional on the task's version: 409 version_conflict when it moved on. */
  ifMatch?: number;
}

/** A call of the API at a path the page builds (with its query); a failure rejects with an ApiProblem. */
export function api<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  return client().session.send<T>(method, path, {
    body,
    headers: options.ifMatch === undefined ? {} : { 'if-match': `"${options.ifMatch}"` },
  });
}
