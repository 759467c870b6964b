import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { problemBody } from '../schemas/problem.ts';

/**
 * The paths a sidecar calls on its app: Dapr's own (`/dapr/subscribe`, `/dapr/config`), the
 * actor runtime's (`/actors/…`) and the event routes of subscriptions (`/events/…`). Nothing
 * else should ever call them, so each requires the app token that only the sidecar holds
 * (APP_API_TOKEN; daprd sends it as `dapr-api-token`). Public routes of the gateway and the
 * Socket.IO server, and health and metrics, are not the sidecar's and stay as they are.
 */
export const SIDECAR_PATHS = ['/dapr', '/actors', '/events'] as const;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when `presented` is the token, in time that does not depend on where they differ. */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

const isSidecarPath = (path: string) =>
  SIDECAR_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** Refuses a call to a sidecar path without the app token, as problem+json 401. */
export function requireSidecarToken(
  token: string,
  onRefused: (path: string) => void = () => undefined,
): RequestHandler {
  return (request, response, next) => {
    if (!isSidecarPath(request.path) || tokenMatches(request.get('dapr-api-token'), token)) {
      next();
      return;
    }
    onRefused(request.path);
    const body = problemBody(
      'sidecar_token_required',
      "only this app's Dapr sidecar may call this path",
      { instance: request.originalUrl },
    );
    response.status(body.status).type('application/problem+json').json(body);
  };
}
