import { createApiClient, type RawAnswer } from '../../client/api-client.ts';
import { signAccessToken } from '../../platform/auth/tokens.ts';

/** The shared client's raw answer; the API answers JSON objects, which tests read by field. */
export type GatewayAnswer = RawAnswer & { body: Record<string, unknown> | undefined };

export type GatewayCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<GatewayAnswer>;

/**
 * A client of a stack's gateway as a given user, with a token signed by the stack's real secret,
 * on the API's one client (client/api-client.ts). Free of vitest, so the shared-stack tests,
 * own-stack tests and `npm run chaos` all use it.
 */
export async function gatewayClient(
  stack: { gatewayUrl: string; jwtSecret: string },
  userId: string,
  { timeoutMs }: { timeoutMs?: number } = {},
): Promise<{ token: string; call: GatewayCall }> {
  const token = await signAccessToken(stack.jwtSecret, userId);
  const api = createApiClient({ baseUrl: `${stack.gatewayUrl}/api/v1`, token });
  // The raw side of the shared client: tests send methods, paths and bodies outside the contract.
  const call: GatewayCall = async (method, path, body, headers) =>
    (await api.raw(method, path, {
      body,
      headers,
      signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
    })) as GatewayAnswer;
  return { token, call };
}
