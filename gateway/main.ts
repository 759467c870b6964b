/**
 * The gateway: authentication, the REST API over the actors, and (later) chat, MCP and the
 * web page. It never writes task data itself.
 */
import { baseEnvSchema, loadConfig } from '../platform/config.ts';
import { DaprClientHttp } from '../platform/dapr.ts';
import { createLogger } from '../platform/logger.ts';
import { createServiceApp } from '../platform/service-app.ts';
import { installShutdownHandlers, onShutdown } from '../platform/shutdown.ts';
import { mountGateway } from './app.ts';

const config = loadConfig(baseEnvSchema);
const logger = createLogger(config.APP_ID, config.LOG_LEVEL);
installShutdownHandlers(logger);

const dapr = new DaprClientHttp(config.DAPR_HOST, config.DAPR_HTTP_PORT);
await dapr.waitUntilOutboundHealthy();
const jwtSecret = await dapr.getSecret(config.SECRET_STORE, 'jwt-secret');

const { app, markStarted } = createServiceApp([
  { name: 'dapr', check: () => dapr.outboundHealthy() },
]);
mountGateway({ app, dapr, jwtSecret, logger });

const server = app.listen(config.PORT, config.HOST, () => {
  markStarted();
  logger.info('gateway started', { port: config.PORT });
});
onShutdown(() => new Promise<void>((resolveClose) => server.close(() => resolveClose())));
