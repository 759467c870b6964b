/**
 * Realtime: Socket.IO servers (any number of replicas behind one Redis) that push each user's
 * task and reminder events, consumed from task-events and reminders, to that user's browsers.
 */
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { requireJwtSecret } from '../platform/auth/jwt-secret.ts';
import { bulkSubscribeOf, loadConfig, redisTlsOptions } from '../platform/config.ts';
import { sidecarOf } from '../platform/dapr.ts';
import { createLogger } from '../platform/logger.ts';
import { mountSubscriptions } from '../platform/pubsub.ts';
import { readSecrets } from '../platform/secrets.ts';
import { createServiceApp } from '../platform/service-app.ts';
import { installShutdownHandlers, onShutdown } from '../platform/shutdown.ts';
import { topics } from '../schemas/events.ts';
import { realtimeEnvSchema } from './config.ts';
import { createRealtimeServer, emitToUsers } from './socket-server.ts';

const config = loadConfig(realtimeEnvSchema);
const logger = createLogger(config.APP_ID, config.LOG_LEVEL);
installShutdownHandlers(logger);

const dapr = sidecarOf(config);
await dapr.waitUntilOutboundHealthy();
const secrets = await readSecrets(dapr, config.SECRET_STORE, ['jwt-secret', 'redis-url']);
const jwtSecret = requireJwtSecret(secrets['jwt-secret']);
const redis = new Redis(secrets['redis-url'], {
  maxRetriesPerRequest: 2,
  ...redisTlsOptions(config),
});
redis.on('error', (error) => logger.warn('redis error', { error }));

const { app, markStarted } = createServiceApp(
  [
    { name: 'dapr', check: () => dapr.outboundHealthy() },
    { name: 'redis', check: async () => (await redis.ping()) === 'PONG' },
  ],
  { appToken: config.APP_API_TOKEN, logger },
);
const httpServer = createServer(app);
const io = createRealtimeServer({
  httpServer,
  redis,
  jwtSecret,
  maxConnectionsPerUser: config.MAX_CONNECTIONS_PER_USER,
  corsOrigins: config.CORS_ORIGINS,
  logger,
});
mountSubscriptions(
  app,
  [topics.taskEvents, topics.reminders].map((topic) => ({
    topic,
    handle: async (event) => emitToUsers(io, [event]),
    handleBatch: async (events) => emitToUsers(io, events),
  })),
  { logger, dapr, bulkSubscribe: bulkSubscribeOf(config) },
);

httpServer.listen(config.PORT, config.HOST, () => {
  markStarted();
  logger.info('realtime started', { port: config.PORT, instance: process.env.APP_INSTANCE });
});
onShutdown(async () => {
  await io.close();
  redis.disconnect();
});
