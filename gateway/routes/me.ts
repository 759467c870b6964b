import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { Router } from 'express';
import { updateProfileInputSchema } from '../../schemas/user.ts';
import { ActorClient } from '../actor-client.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { UserActorClient } from '../user-actor-client.ts';

/** The caller's own profile, kept by their UserActor. */
export function meRouter(users: UserActorClient): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    const userId = userOf(request);
    response.json(await users.call(userId, 'getProfile', { caller: ActorClient.caller(userId) }));
  });
  router.patch('/', async (request, response) => {
    const userId = userOf(request);
    const patch = updateProfileInputSchema.parse(request.body ?? {});
    response.json(
      await users.call(userId, 'updateProfile', { caller: ActorClient.caller(userId), patch }),
    );
  });
  return rejectOtherMethods(router);
}
