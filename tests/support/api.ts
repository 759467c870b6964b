import { inject } from 'vitest';
import { signAccessToken } from '../../platform/auth/tokens.ts';

/** A client of the gateway as a given user, with a token signed by the stack's real secret. */
export async function apiAs(userId: string) {
  const stack = inject('stack');
  const token = await signAccessToken(stack.secrets['jwt-secret'], userId);
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${stack.gatewayUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    };
  };
  return {
    token,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call('POST', path, body, headers),
    call,
  };
}

/** The distinct field paths of a problem+json validation error, sorted (a field may fail twice). */
export const problemPaths = (body: Record<string, unknown> | undefined): string[] =>
  [...new Set(((body?.errors ?? []) as { path: string }[]).map((error) => error.path))].sort();
