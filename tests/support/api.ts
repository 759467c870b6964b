import { inject } from 'vitest';
import { gatewayClient } from './gateway-client.ts';

/** A client of the shared stack's gateway as a given user. */
export async function apiAs(userId: string) {
  const stack = inject('stack');
  const { token, call } = await gatewayClient(
    { gatewayUrl: stack.gatewayUrl, jwtSecret: stack.secrets['jwt-secret'] },
    userId,
  );
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
