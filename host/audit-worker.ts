/**
 * Audit worker: consumes events into the append-only audit_log table.
 */
import { baseEnvSchema, loadConfig } from '../platform/config.ts';
import { DaprClientHttp } from '../platform/dapr.ts';
import {
  createDatabase,
  databaseReachable,
  migrateToLatest,
} from '../platform/database/database.ts';
import { createLogger } from '../platform/logger.ts';
import { mountSubscriptions } from '../platform/pubsub.ts';
import { createServiceApp } from '../platform/service-app.ts';
import { installShutdownHandlers, onShutdown } from '../platform/shutdown.ts';
import { topics } from '../schemas/events.ts';
import { recordAuditEvent } from './audit/audit-log.ts';

const config = loadConfig(baseEnvSchema);
const logger = createLogger(config.APP_ID, config.LOG_LEVEL);
installShutdownHandlers(logger);

const dapr = new DaprClientHttp(config.DAPR_HOST, config.DAPR_HTTP_PORT);
await dapr.waitUntilOutboundHealthy();
const db = createDatabase(await dapr.getSecret(config.SECRET_STORE, 'postgres-url'));
onShutdown(() => db.destroy());
await migrateToLatest(db, logger);

const { app, markStarted } = createServiceApp([
  { name: 'dapr', check: () => dapr.outboundHealthy() },
  { name: 'postgres', check: () => databaseReachable(db) },
]);
mountSubscriptions(
  app,
  [
    {
      topic: topics.taskEvents,
      handle: async (event, delivery) => {
        const written = await recordAuditEvent(db, delivery.topic, event);
        logger.debug('audit event', { event_id: event.event_id, written });
      },
    },
  ],
  { logger, dapr },
);

const server = app.listen(config.PORT, config.HOST, () => {
  markStarted();
  logger.info('audit worker started', { port: config.PORT });
});
onShutdown(() => new Promise<void>((resolveClose) => server.close(() => resolveClose())));
