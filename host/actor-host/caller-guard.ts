import type { RequestHandler } from 'express';
import {
  ASSERTION_FIELD,
  AssertionRefused,
  type CallerVerifier,
} from '../../platform/auth/caller-assertion.ts';
import { authorizeCall } from '../../platform/auth/caller-policy.ts';
import type { Logger } from '../../platform/logger.ts';
import { prometheus, registry } from '../../platform/metrics.ts';
import { problemBody } from '../../schemas/problem.ts';

const refusals = new prometheus.Counter({
  name: 'actor_call_refusals_total',
  help: 'Actor calls refused for their caller assertion, by signer and reason',
  labelNames: ['signer', 'reason'] as const,
  registers: [registry],
});

/** The route of actor method calls; timers and reminders have their own (…/method/remind/…). */
export const ACTOR_METHOD_ROUTE = '/actors/:actorType/:actorId/method/:method';

/**
 * Runs before the Dapr SDK's actor handler (and after its body parser): an actor method call
 * goes through only with a caller assertion from a trusted signer, for this actor, method and
 * body, permitted to that signer, naming the user the body names. The assertion is taken off the
 * body; the actor sees the call as before. A refusal is logged and answered 403, and the actor is
 * never activated for it.
 */
export function callerGuard(
  verifier: CallerVerifier,
  logger: Logger,
): RequestHandler<{
  actorType: string;
  actorId: string;
  method: string;
}> {
  return async (request, response, next) => {
    const target = {
      actorType: request.params.actorType,
      actorId: request.params.actorId,
      method: request.params.method,
    };
    const raw: unknown = request.body;
    const { [ASSERTION_FIELD]: assertion, ...body } =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw)
        ? (raw as Record<string, unknown>)
        : {};
    try {
      const claims = await verifier.verify(assertion, target, body);
      authorizeCall(claims, target, body);
      request.body = body;
      next();
    } catch (error) {
      if (!(error instanceof AssertionRefused)) return next(error);
      refusals.inc({ signer: error.issuer ?? 'unknown', reason: error.reason });
      logger.warn('actor call refused', {
        reason: error.reason,
        signer: error.issuer,
        actor_type: target.actorType,
        method: target.method,
      });
      const refusal = problemBody(
        'caller_not_verified',
        `the call's caller assertion was refused: ${error.reason}`,
      );
      response.status(refusal.status).type('application/problem+json').json(refusal);
    }
  };
}
