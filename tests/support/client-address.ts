import { randomInt } from 'node:crypto';
import { inject } from 'vitest';
import { createApiClient } from '../../client/api-client.ts';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

/** A client address of the documentation range 2001:db8::/32, a new one on each call. */
export const someClientAddress = (): string =>
  `2001:db8::${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}`;

/**
 * The shared stack's API as a client at `address`, reaching the gateway through a proxy: the
 * test process plays the ingress controller, which writes the client's address into
 * X-Forwarded-For. The local gateway trusts loopback (TRUST_PROXY's default; the chart trusts one
 * hop, the ingress): from 127.0.0.1 both mean the same — the one proxy in front is believed.
 * Distinct addresses also keep each file's per-address limits apart from the others'.
 */
export function clientAt(address?: string) {
  const stack = inject('stack');
  const api = createApiClient({ baseUrl: `${stack.gatewayUrl}/api/v1` });
  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> =>
    (await api.raw('POST', path, {
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        ...(address ? { 'x-forwarded-for': address } : {}),
        ...headers,
      },
    })) as Answer;
  return { post };
}
