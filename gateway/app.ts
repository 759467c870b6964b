import express, { type Express } from 'express';
import type { DaprClientHttp } from '../platform/dapr.ts';
import type { Logger } from '../platform/logger.ts';
import { authenticate } from './middleware/authenticate.ts';
import { correlation } from './middleware/correlation.ts';
import { notFoundHandler, problemHandler } from './middleware/problem.ts';
import { tasksRouter } from './routes/tasks.ts';
import { ActorClient } from './actor-client.ts';
import { meRouter } from './routes/me.ts';
import { TaskActorClient } from './task-actor-client.ts';
import { UserActorClient } from './user-actor-client.ts';

export interface GatewayDependencies {
  app: Express;
  dapr: DaprClientHttp;
  jwtSecret: string;
  logger: Logger;
  bodyLimit?: string;
}

/** Mounts the API on the service app (which already serves health and metrics). */
export function mountGateway({
  app,
  dapr,
  jwtSecret,
  logger,
  bodyLimit = '100kb',
}: GatewayDependencies): Express {
  app.set('trust proxy', 'loopback');
  app.use(correlation);
  const api = express.Router();
  api.use(express.json({ limit: bodyLimit, strict: true }));
  api.use(authenticate(jwtSecret));
  const actors = new ActorClient(dapr);
  api.use('/tasks', tasksRouter(new TaskActorClient(actors)));
  api.use('/me', meRouter(new UserActorClient(actors)));
  app.use('/api/v1', api);
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}
