import { USER_ACTOR_TYPE } from '../schemas/user.ts';
import type { DaprClientHttp } from './dapr.ts';

/**
 * Whether this process's actor calls can be served right now: a call that placement must route
 * to a live actor host, answered within `timeoutMs`. The call carries no valid arguments, so the
 * actor refuses it before touching its state (any answer of the actor's own counts as ready);
 * no answer — no host holds the type, the host is gone, placement has no leader — counts as not
 * ready, so that a gateway that could only answer 503 stops taking traffic.
 */
export function actorCallsServable(
  dapr: Pick<DaprClientHttp, 'invokeActor'>,
  options: { actorType?: string; actorId?: string; method?: string; timeoutMs?: number } = {},
): () => Promise<boolean> {
  const {
    actorType = USER_ACTOR_TYPE,
    actorId = 'readiness-probe',
    method = 'getProfile',
    timeoutMs = 1_500,
  } = options;
  return async () => {
    try {
      await dapr.invokeActor(actorType, actorId, method, { probe: true }, timeoutMs);
      return true;
    } catch {
      return false;
    }
  };
}
