/**
 * The gateway: authentication, the REST API over the actors, list and search over the read
 * model, the OpenAPI document. It never writes task data itself.
 */
import { Redis } from 'ioredis';
import { requireJwtSecret } from '../platform/auth/jwt-secret.ts';
import { loadConfig, redisTlsOptions } from '../platform/config.ts';
import { CallerSigner } from '../platform/auth/caller-assertion.ts';
import { sidecarOf } from '../platform/dapr.ts';
import { createDatabase, migrateToLatest } from '../db/database.ts';
import { databaseReachable } from '../platform/database/database.ts';
import { createLogger } from '../platform/logger.ts';
import { readSecrets } from '../platform/secrets.ts';
import { actorCallsServable } from '../platform/actor-readiness.ts';
import { createServiceApp } from '../platform/service-app.ts';
import { installShutdownHandlers, onShutdown } from '../platform/shutdown.ts';
import { mountGateway } from './app.ts';
import { gatewayEnvSchema } from './config.ts';

const config = loadConfig(gatewayEnvSchema);
const logger = createLogger(config.APP_ID, config.LOG_LEVEL);
installShutdownHandlers(logger);

const sidecar = sidecarOf(config);
await sidecar.waitUntilOutboundHealthy();
const secrets = await readSecrets(sidecar, config.SECRET_STORE, [
  'postgres-url',
  'jwt-secret',
  'redis-url',
  'caller-signing-key',
]);
// Every actor call says, signed, which user the gateway authenticated (docs/SECURITY.md).
const dapr = sidecar.signingAs(new CallerSigner(config.APP_ID, secrets['caller-signing-key']));
const jwtSecret = requireJwtSecret(secrets['jwt-secret']);
const db = createDatabase(secrets['postgres-url'], { poolSize: 20, logger });
onShutdown(() => db.destroy());
await migrateToLatest(db, logger);
const redis = new Redis(secrets['redis-url'], {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  lazyConnect: false,
  ...redisTlsOptions(config),
});
redis.on('error', (error) => logger.warn('redis error', { error }));
onShutdown(() => redis.quit().then(() => undefined));

const { app, markStarted } = createServiceApp(
  [
    { name: 'dapr', check: () => dapr.outboundHealthy() },
    { name: 'postgres', check: () => databaseReachable(db) },
    // Without a live actor host every task call would answer 503: take no traffic then.
    { name: 'actors', check: actorCallsServable(dapr) },
  ],
  { appToken: config.APP_API_TOKEN, logger },
);
mountGateway({ app, config, dapr, db, redis, jwtSecret, logger });

const server = app.listen(config.PORT, config.HOST, () => {
  markStarted();
  logger.info('gateway started', { port: config.PORT });
});
onShutdown(
  () =>
    new Promise<void>((resolveClose) => {
      server.close(() => resolveClose());
      // Kept-alive connections with no request in flight end now; busy ones after their answer.
      server.closeIdleConnections();
    }),
);
