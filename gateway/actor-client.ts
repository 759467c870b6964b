import type { z } from 'zod';
import type { DaprClientHttp } from '../platform/dapr.ts';
import { currentContext } from '../platform/request-context.ts';
import type { ProblemCode } from '../schemas/problem-codes.ts';
import type { Caller } from '../schemas/task-actor.ts';
import { ApiError, problem } from './errors.ts';

/**
 * An actor's answer: a value or a refusal. A refusal's code must be in the problem catalogue
 * (schemas/problem-codes.ts), which fixes its status: an actor code missing there does not compile.
 */
type ActorResultSchema<V> = z.ZodType<
  | ({ ok: true } & V)
  | {
      ok: false;
      error: {
        code: ProblemCode | 'invalid_call';
        message: string;
        fields?: { path: string; message: string }[];
      };
    }
>;

/**
 * How long the gateway waits for an actor's answer. Shorter than a client's patience (10 s is
 * common, and what `npm run chaos` waits): while placement moves the actors of a lost host, the
 * client gets a 503 problem+json to retry, not a hang.
 */
export const ACTOR_CALL_TIMEOUT_MS = 8_000;

/** The one call of the sidecar's API an ActorClient makes: a port, so that tests answer it. */
export type ActorInvoker = Pick<DaprClientHttp, 'invokeActor'>;

/**
 * Calls actor methods through the sidecar. Knows actors' contracts (schemas/), never their
 * implementations. Domain failures come back as values and become ApiErrors here.
 */
export class ActorClient {
  constructor(private readonly dapr: ActorInvoker) {}

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
      problem.actor_unavailable('the service is unavailable, try again', undefined, cause);
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
      throw problem.actor_bad_response(
        'the service answered unexpectedly',
        undefined,
        new Error(
          `${actorType}.${method} answered ${JSON.stringify(raw)?.slice(0, 500)}: ${result.error.message.slice(0, 500)}`,
        ),
      );
    if (!result.data.ok) {
      const { code, message, fields } = result.data.error;
      // Our own call was malformed: nothing about it is the client's to read.
      if (code === 'invalid_call')
        throw problem.internal_error(
          'an unexpected error',
          undefined,
          new Error(`${actorType}.${method} refused its call: ${JSON.stringify(fields)}`),
        );
      throw new ApiError(code as ProblemCode, message, fields);
    }
    return result.data as V;
  }
}
