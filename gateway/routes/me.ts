import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { Router } from 'express';
import type { Db } from '../../platform/database/database.ts';
import { updateProfileInputSchema, type Profile, type UserProfile } from '../../schemas/user.ts';
import { ActorClient } from '../actor-client.ts';
import { userOf } from '../middleware/authenticate.ts';
import { userCounters } from '../queries/user-counters.ts';
import type { UserActorClient } from '../user-actor-client.ts';

/** The caller's own profile, kept by their UserActor, with the counters of their events. */
export function meRouter(users: UserActorClient, db: Db): Router {
  const router = Router();
  const withCounters = async (userId: string, profile: Promise<Profile>): Promise<UserProfile> => {
    const [found, counters] = await Promise.all([profile, userCounters(db, userId)]);
    return { ...found, counters };
  };
  router.get('/', async (request, response) => {
    const userId = userOf(request);
    const caller = ActorClient.caller(userId);
    response.json(await withCounters(userId, users.call(userId, 'getProfile', { caller })));
  });
  router.patch('/', async (request, response) => {
    const userId = userOf(request);
    const patch = updateProfileInputSchema.parse(request.body ?? {});
    const caller = ActorClient.caller(userId);
    response.json(
      await withCounters(userId, users.call(userId, 'updateProfile', { caller, patch })),
    );
  });
  return rejectOtherMethods(router);
}
