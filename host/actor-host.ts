/**
 * The actor host: the process Dapr places TaskActor and UserActor instances on.
 * Actor state goes through the sidecar to the PostgreSQL actor state store; events go out
 * through the sidecar's pub/sub.
 */
import { CommunicationProtocolEnum, DaprServer, LogLevel } from '@dapr/dapr';
import { z } from 'zod';
import { createTaskActor } from '../actors/task/task-actor.ts';
import { createUserActor } from '../actors/user/user-actor.ts';
import { baseEnvSchema, loadConfig } from '../platform/config.ts';
import { DaprClientHttp } from '../platform/dapr.ts';
import { createDatabase } from '../platform/database/database.ts';
import { createLogger } from '../platform/logger.ts';
import { createServiceApp } from '../platform/service-app.ts';
import { readSecrets } from '../platform/secrets.ts';
import { installShutdownHandlers, onShutdown } from '../platform/shutdown.ts';
import { startEffectsSweeper } from './pending-effects.ts';

const config = loadConfig(
  baseEnvSchema.extend({
    /** How often to look for effects a crashed turn left pending (see pending-effects.ts). */
    EFFECTS_SWEEP_SECONDS: z.coerce.number().positive().default(30),
    /** How old pending effects must be before the sweep takes them over from their turn. */
    EFFECTS_MIN_AGE_SECONDS: z.coerce.number().positive().default(30),
  }),
);
const logger = createLogger(config.APP_ID, config.LOG_LEVEL);
installShutdownHandlers(logger);

const dapr = new DaprClientHttp(config.DAPR_HOST, config.DAPR_HTTP_PORT);
const { app, markStarted } = createServiceApp([
  { name: 'dapr', check: () => dapr.outboundHealthy() },
]);

const server = new DaprServer({
  serverHost: config.HOST,
  serverPort: String(config.PORT),
  serverHttp: app,
  communicationProtocol: CommunicationProtocolEnum.HTTP,
  clientOptions: {
    daprHost: config.DAPR_HOST,
    daprPort: String(config.DAPR_HTTP_PORT),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    actor: { actorIdleTimeout: '1h', drainOngoingCallTimeout: '30s', drainRebalancedActors: true },
  },
  logger: { level: LogLevel.Warn },
});

// For the actor inspector: how many actors of each type this host has active.
app.get('/internal/actor-types', async (_request, response) => {
  const metadata = await dapr.metadata();
  const runtime = metadata.actorRuntime as
    { activeActors?: { type: string; count?: number }[] } | undefined;
  response.json(
    (runtime?.activeActors ?? []).map((actor) => ({ type: actor.type, count: actor.count ?? 0 })),
  );
});

await server.actor.init();
server.actor.registerActor(createTaskActor({ dapr, logger }));
server.actor.registerActor(createUserActor({ dapr, logger }));
await server.start();
onShutdown(() => server.stop());

await dapr.waitUntilOutboundHealthy();
const secrets = await readSecrets(dapr, config.SECRET_STORE, ['postgres-url']);
const db = createDatabase(secrets['postgres-url'], { poolSize: 2, logger });
const stopSweeper = startEffectsSweeper({
  db,
  dapr,
  logger,
  appId: config.APP_ID,
  intervalMs: config.EFFECTS_SWEEP_SECONDS * 1000,
  minAgeSeconds: config.EFFECTS_MIN_AGE_SECONDS,
});
onShutdown(async () => {
  stopSweeper();
  await db.destroy();
});
markStarted();
logger.info('actor host started', { port: config.PORT, actors: ['TaskActor', 'UserActor'] });
