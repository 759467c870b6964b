import type { Router } from 'express';
import { chatRequestSchema, chatResponseSchema } from '../../schemas/chat.ts';
import { ActorClient } from '../actor-client.ts';
import type { ChatAgent } from '../chat/agent.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { UserActorClient } from '../user-actor-client.ts';

export const chat = operation({
  method: 'post',
  path: '/chat',
  operationId: 'chat',
  tags: ['chat'],
  description:
    'One turn of a conversation with the task agent (a configured language model, or the ' +
    'offline engine). Pass conversation_id to continue one; the agent sees its recent messages.',
  body: chatRequestSchema,
  responses: {
    200: {
      description: 'The reply, the tool calls made and the affected tasks',
      body: chatResponseSchema,
    },
  },
  problems: ['conversation_not_found'],
});

export const chatOperations = [chat];

export function chatRouter(agent: ChatAgent, users: UserActorClient): Router {
  const routes = operationsRouter('/chat');
  routes.on(chat, async ({ body }, request, response) => {
    const userId = userOf(request);
    const profile = await users.call(userId, 'getProfile', { caller: ActorClient.caller(userId) });
    response.json(await agent.turn(userId, body.message, profile.time_zone, body.conversation_id));
  });
  return routes.router();
}
