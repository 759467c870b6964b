import type { DaprClientHttp } from '../../platform/dapr.ts';
import {
  USER_ACTOR_TYPE,
  userActorResultSchema,
  type Profile,
  type UserActorCall,
} from '../../schemas/user.ts';

/** The recipient's profile as their UserActor has it now; undefined if it refuses. */
export async function currentProfile(
  dapr: Pick<DaprClientHttp, 'invokeActor'>,
  userId: string,
  correlationId: string,
): Promise<Profile | undefined> {
  const call: UserActorCall<'getProfile'> = {
    caller: { user_id: userId, correlation_id: correlationId },
  };
  const result = userActorResultSchema.parse(
    await dapr.invokeActor(USER_ACTOR_TYPE, userId, 'getProfile', call),
  );
  return result.ok ? result.profile : undefined;
}
