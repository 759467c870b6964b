import type { Router } from 'express';
import { z } from 'zod';
import { operation, operationsRouter } from '../http/operation.ts';

export const clientConfigSchema = z.object({
  /** Where the page connects for live updates (Socket.IO). */
  realtime_urls: z.array(z.string()),
  chat_engine: z.enum(['language model', 'offline']),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

export const getClientConfig = operation({
  method: 'get',
  path: '/config',
  operationId: 'getClientConfig',
  tags: ['config'],
  auth: 'none',
  description:
    'What a client needs before signing in: where live updates come from, which chat engine answers.',
  responses: { 200: { description: 'The settings', body: clientConfigSchema } },
});

export const clientConfigOperations = [getClientConfig];

/** `GET /config`: the same for every caller, so open. */
export function clientConfigRouter(config: ClientConfig): Router {
  const routes = operationsRouter('/config');
  routes.on(getClientConfig, async (_input, _request, response) => {
    response.json(config);
  });
  return routes.router();
}
