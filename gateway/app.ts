import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { DaprClientHttp } from '../platform/dapr.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../platform/logger.ts';
import { ActorClient } from './actor-client.ts';
import { Accounts } from './auth/accounts.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import type { GatewayConfig } from './config.ts';
import { accessLog } from './middleware/access-log.ts';
import { authenticate, userOf } from './middleware/authenticate.ts';
import { correlation } from './middleware/correlation.ts';
import { jsonBody } from './middleware/json-body.ts';
import { notFoundHandler, problemHandler } from './middleware/problem.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { serverTiming } from './middleware/server-timing.ts';
import { ChatAgent } from './chat/agent.ts';
import { chatEngine } from './chat/choose-engine.ts';
import { mcpRouter } from './mcp/mcp-route.ts';
import { chatRouter } from './routes/chat.ts';
import { clientConfigRouter } from './routes/client-config.ts';
import { openApiRouter } from './openapi/router.ts';
import { authRouter } from './routes/auth.ts';
import { historyRouter } from './routes/history.ts';
import { inspectRouter } from './routes/inspect.ts';
import { meRouter } from './routes/me.ts';
import { operatorRouter } from './routes/operator.ts';
import { passwordRouter } from './routes/password.ts';
import { quickAddRouter } from './routes/quick-add.ts';
import { reminderSnoozeRouter, snoozeLinkRouter } from './routes/snooze.ts';
import { taskViewsRouter } from './routes/task-views.ts';
import { tasksRouter } from './routes/tasks.ts';
import { ActorTaskService } from './services/task-service.ts';
import { TaskActorClient } from './task-actor-client.ts';
import { UserActorClient } from './user-actor-client.ts';
import { ActorProfileService } from './services/profile-service.ts';

export interface GatewayDependencies {
  app: Express;
  config: Pick<
    GatewayConfig,
    | 'CORS_ORIGINS'
    | 'RATE_LIMIT_PER_MINUTE'
    | 'AUTH_RATE_LIMIT_PER_MINUTE'
    | 'VERIFICATION_MAILS_PER_HOUR'
    | 'REFRESH_RATE_LIMIT_PER_MINUTE'
    | 'TRUST_PROXY'
    | 'BODY_LIMIT'
    | 'REALTIME_URLS'
    | 'WEB_DIST'
    | 'OPERATOR_USER_IDS'
  > &
    Parameters<typeof chatEngine>[0];
  dapr: DaprClientHttp;
  db: Db;
  redis: Redis;
  jwtSecret: string;
  logger: Logger;
}

/** Mounts the API on the service app (which already serves health and metrics). */
export function mountGateway({
  app,
  config,
  dapr,
  db,
  redis,
  jwtSecret,
  logger,
}: GatewayDependencies): Express {
  // request.ip (the key of the per-address limits) is the client's address only when the proxies
  // in front are trusted: behind an ingress, untrusted, every client would be the ingress pod.
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(serverTiming);
  const realtimeOrigins = config.REALTIME_URLS.flatMap((url) => [url, url.replace(/^http/, 'ws')]);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { connectSrc: ["'self'", ...realtimeOrigins] } },
    }),
  );
  app.use(correlation);
  app.use(accessLog(logger));

  const actors = new ActorClient(dapr);
  const users = new UserActorClient(actors);
  const api = express.Router();
  api.use(
    cors({
      origin: config.CORS_ORIGINS,
      exposedHeaders: ['etag', 'location', 'x-correlation-id', 'ratelimit-remaining'],
    }),
  );
  api.use(jsonBody(config.BODY_LIMIT));
  api.use(openApiRouter());
  api.use(
    '/config',
    clientConfigRouter({
      realtime_urls: config.REALTIME_URLS,
      chat_engine: config.CHAT_LLM_BASE_URL ? 'language model' : 'offline',
    }),
  );
  const accounts = new Accounts(db, jwtSecret);
  const throttle = new LoginThrottle(redis, logger, jwtSecret);
  const perAddress = (name: string, limit: number) =>
    rateLimit(redis, logger, {
      name,
      limit,
      windowSeconds: 60,
      key: (request) => request.ip ?? 'unknown',
    });
  api.use(
    '/auth',
    authRouter({
      accounts,
      users,
      throttle,
      authenticate: authenticate(jwtSecret),
      // Own buckets: a storm of log-ins must not keep signed-in pages from refreshing.
      limits: {
        signup: perAddress('auth-signup', config.AUTH_RATE_LIMIT_PER_MINUTE),
        login: perAddress('auth-login', config.AUTH_RATE_LIMIT_PER_MINUTE),
        refresh: perAddress('auth-refresh', config.REFRESH_RATE_LIMIT_PER_MINUTE),
        verify: perAddress('auth-verify', config.AUTH_RATE_LIMIT_PER_MINUTE),
      },
      jwtSecret,
    }),
  );
  const tasks = new ActorTaskService(new TaskActorClient(actors), db);
  // The snooze links of reminder mails carry their own token, like the verification link.
  api.use(
    '/snooze',
    snoozeLinkRouter({
      tasks,
      jwtSecret,
      limit: perAddress('snooze-link', config.AUTH_RATE_LIMIT_PER_MINUTE),
    }),
  );
  // Everything below needs a token, and is counted per user: the API and the MCP endpoint.
  const authenticated = [
    authenticate(jwtSecret),
    rateLimit(redis, logger, {
      name: 'user',
      limit: config.RATE_LIMIT_PER_MINUTE,
      windowSeconds: 60,
      key: userOf,
    }),
  ];
  api.use(authenticated);
  const history = historyRouter(db, tasks);
  const timeZoneOf = async (userId: string) =>
    (await users.call(userId, 'getProfile', { caller: ActorClient.caller(userId) })).time_zone;
  // Before the task routes: their `/:id` would answer POST /tasks/parse with a 405.
  api.use('/tasks', quickAddRouter(timeZoneOf));
  api.use('/tasks', taskViewsRouter(tasks, timeZoneOf));
  api.use('/tasks', history.taskHistory, tasksRouter(tasks, timeZoneOf));
  api.use('/tasks', reminderSnoozeRouter(tasks));
  api.use('/audit', history.audit);
  // Every verification mail goes to an address the user typed: few an hour, so the notifier
  // cannot be used to mail strangers.
  const mailLimit = rateLimit(redis, logger, {
    name: 'verification-mail',
    limit: config.VERIFICATION_MAILS_PER_HOUR,
    windowSeconds: 3600,
    key: userOf,
  });
  api.use('/me/password', passwordRouter(accounts, throttle));
  api.use('/me', meRouter(users, db, mailLimit));
  api.use('/inspect', inspectRouter({ actors, users, db }));
  api.use('/operator', operatorRouter({ operators: config.OPERATOR_USER_IDS, actors, db }));
  const tools = { tasks, profiles: new ActorProfileService(users) };
  api.use('/chat', chatRouter(new ChatAgent(db, tools, chatEngine(config, logger)), users));
  app.use('/api/v1', api);
  app.use('/mcp', jsonBody(config.BODY_LIMIT), authenticated, mcpRouter(tools));
  if (config.WEB_DIST && existsSync(config.WEB_DIST)) {
    // The web page: built assets are content-hashed, index.html is not cached.
    app.use(
      express.static(config.WEB_DIST, {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: noCacheForHtml,
      }),
    );
  }
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}

function noCacheForHtml(response: ServerResponse, path: string): void {
  if (path.endsWith('.html')) response.setHeader('cache-control', 'no-cache');
}
