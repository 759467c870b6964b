import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { Router } from 'express';
import { chatRequestSchema } from '../../schemas/chat.ts';
import { ActorClient } from '../actor-client.ts';
import type { ChatAgent } from '../chat/agent.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { UserActorClient } from '../user-actor-client.ts';

export function chatRouter(agent: ChatAgent, users: UserActorClient): Router {
  const router = Router();
  router.post('/', async (request, response) => {
    const userId = userOf(request);
    const input = chatRequestSchema.parse(request.body ?? {});
    const profile = await users.call(userId, 'getProfile', { caller: ActorClient.caller(userId) });
    response.json(
      await agent.turn(userId, input.message, profile.time_zone, input.conversation_id),
    );
  });
  return rejectOtherMethods(router);
}
