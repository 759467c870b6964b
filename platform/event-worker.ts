import { baseEnvSchema, batchingEnvSchema, bulkSubscribeOf, loadConfig } from './config.ts';
import { sidecarOf, type DaprClientHttp } from './dapr.ts';
import type { Kysely } from 'kysely';
import { databaseReachable, type AppDatabase } from './database/database.ts';
import { createLogger, type Logger } from './logger.ts';
import { readSecrets } from './secrets.ts';
import { mountSubscriptions, type EventSubscription } from './pubsub.ts';
import { createServiceApp } from './service-app.ts';
import { installShutdownHandlers, onShutdown } from './shutdown.ts';

export interface WorkerContext<DB> {
  db: Kysely<DB>;
  logger: Logger;
  dapr: DaprClientHttp;
}

/**
 * The life of an event worker (projector, audit, notifier): config, logger, sidecar, secrets,
 * database and migrations, health and metrics, its subscriptions, graceful shutdown.
 */
export async function runEventWorker<DB>(
  description: string,
  database: AppDatabase<DB>,
  subscriptions: (context: WorkerContext<DB>) => EventSubscription[] | Promise<EventSubscription[]>,
): Promise<void> {
  const config = loadConfig(baseEnvSchema.extend(batchingEnvSchema.shape));
  const logger = createLogger(config.APP_ID, config.LOG_LEVEL);
  installShutdownHandlers(logger);

  const dapr = sidecarOf(config);
  await dapr.waitUntilOutboundHealthy();
  const { 'postgres-url': postgresUrl } = await readSecrets(dapr, config.SECRET_STORE, [
    'postgres-url',
  ]);
  const db = database.open(postgresUrl, { logger });
  onShutdown(() => db.destroy());
  await database.migrate(db, logger);

  const { app, markStarted } = createServiceApp(
    [
      { name: 'dapr', check: () => dapr.outboundHealthy() },
      { name: 'postgres', check: () => databaseReachable(db) },
    ],
    { appToken: config.APP_API_TOKEN, logger },
  );
  mountSubscriptions(app, await subscriptions({ db, logger, dapr }), {
    logger,
    dapr,
    bulkSubscribe: bulkSubscribeOf(config),
  });

  const server = app.listen(config.PORT, config.HOST, () => {
    markStarted();
    logger.info(`${description} started`, { port: config.PORT });
  });
  onShutdown(() => new Promise<void>((resolveClose) => server.close(() => resolveClose())));
}
