import { signAccessToken } from '../../platform/auth/tokens.ts';

export interface GatewayAnswer {
  status: number;
  headers: Headers;
  /** True when the answer is RFC 9457 problem+json. */
  problem: boolean;
  body: Record<string, unknown> | undefined;
}

export type GatewayCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<GatewayAnswer>;

/**
 * A client of a stack's gateway as a given user, with a token signed by the stack's real secret.
 * Free of vitest, so the shared-stack tests, own-stack tests and `npm run chaos` all use it.
 */
export async function gatewayClient(
  stack: { gatewayUrl: string; jwtSecret: string },
  userId: string,
  { timeoutMs }: { timeoutMs?: number } = {},
): Promise<{ token: string; call: GatewayCall }> {
  const token = await signAccessToken(stack.jwtSecret, userId);
  const call: GatewayCall = async (method, path, body, headers = {}) => {
    const response = await fetch(`${stack.gatewayUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      problem:
        response.headers.get('content-type')?.startsWith('application/problem+json') ?? false,
      body: text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    };
  };
  return { token, call };
}
