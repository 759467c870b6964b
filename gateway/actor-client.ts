import type { z } from 'zod';
import type { DaprClientHttp } from '../platform/dapr.ts';
import { currentContext } from '../platform/request-context.ts';
import type { Caller } from '../schemas/task-actor.ts';
import { ApiError } from './errors.ts';

type ActorResultSchema<V> = z.ZodType<
  | ({ ok: true } & V)
  | {
      ok: false;
      error: { code: string; message: string; fields?: { path: string; message: string }[] };
    }
>;

const statusOf: Record<string, number> = {
  task_not_found: 404,
  task_exists: 409,
  validation_failed: 400,
  recurrence_never_occurs: 422,
  version_conflict: 409,
  user_unavailable: 503,
  task_not_recurring: 409,
  task_not_open: 409,
  forbidden: 403,
  verification_address_changed: 409,
  reminder_not_found: 404,
  task_completed: 409,
  task_deleted: 409,
  snooze_link_superseded: 409,
};

/**
 * How long the gateway waits for an actor's answer. Shorter than a client's patience (10 s is
 * common, and what `npm run chaos` waits): while placement moves the actors of a lost host, the
 * client gets a 503 problem+json to retry, not a hang.
 */
export const ACTOR_CALL_TIMEOUT_MS = 8_000;

/**
 * Calls actor methods through the sidecar. Knows actors' contracts (schemas/), never their
 * implementations. Domain failures come back as values and become ApiErrors here.
 */
export class ActorClient {
  constructor(private readonly dapr: DaprClientHttp) {}

  static caller(userId: string): Caller {
    return { user_id: userId, correlation_id: currentContext()?.correlationId ?? 'none' };
  }

  async call<V>(
    actorType: string,
    actorId: string,
    method: string,
    body: unknown,
    resultSchema: ActorResultSchema<V>,
  ): Promise<V> {
    const unavailable = (cause: unknown) =>
      new ApiError(
        503,
        'actor_unavailable',
        'the service is unavailable, try again',
        undefined,
        cause,
      );
    let raw: unknown;
    try {
      raw = await this.dapr.invokeActor(actorType, actorId, method, body, ACTOR_CALL_TIMEOUT_MS);
    } catch (error) {
      throw unavailable(error);
    }
    // An empty answer: the actor host went away mid-call (seen when it is killed), and whether
    // the command applied is unknown, exactly as with a refused connection.
    if (raw === undefined) throw unavailable(new Error(`${actorType}.${method} answered nothing`));
    const result = resultSchema.safeParse(raw);
    if (!result.success)
      throw new ApiError(
        502,
        'actor_bad_response',
        'the service answered unexpectedly',
        undefined,
        new Error(
          `${actorType}.${method} answered ${JSON.stringify(raw)?.slice(0, 500)}: ${result.error.message.slice(0, 500)}`,
        ),
      );
    if (!result.data.ok) {
      const { code, message, fields } = result.data.error;
      throw new ApiError(statusOf[code] ?? 500, code, message, fields);
    }
    return result.data as V;
  }
}
