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

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  retried = false,
): Promise<T> {
  const session = loadSession();
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: {
      ...(session ? { authorization: `Bearer ${session.access_token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && session && !retried && !path.startsWith('/auth/')) {
    const refreshed = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: session.refresh_token }),
    });
    if (refreshed.ok) {
      saveSession((await refreshed.json()) as Session);
      return api<T>(method, path, body, true);
    }
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
