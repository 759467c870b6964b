/**
 * The actor host: the process Dapr places TaskActor and UserActor instances on.
 * Actor state goes through the sidecar to the PostgreSQL actor state store; events go out
 * through the sidecar's pub/sub.
 */
import { hostname } from 'node:os';
import { CommunicationProtocolEnum, DaprServer, LogLevel } from '@dapr/dapr';
import { z } from 'zod';
import { createTaskActor } from '../../actors/task/task-actor.ts';
import { createUserActor } from '../../actors/user/user-actor.ts';
import { ZoneLeases } from '../../actors/user/zone-lease.ts';
import type { ActorHost } from '../../schemas/operator.ts';
import { TASK_ACTOR_TYPE } from '../../schemas/task-actor.ts';
import { USER_ACTOR_TYPE } from '../../schemas/user.ts';
import { baseEnvSchema, loadConfig } from '../../platform/config.ts';
import {
  CallerSigner,
  CallerVerifier,
  trustedKeysSchema,
} from '../../platform/auth/caller-assertion.ts';
import { sidecarOf } from '../../platform/dapr.ts';
import { createDatabase, migrateToLatest } from '../../db/database.ts';
import { createLogger } from '../../platform/logger.ts';
import { createServiceApp } from '../../platform/service-app.ts';
import { readSecrets } from '../../platform/secrets.ts';
import { installShutdownHandlers, onShutdown } from '../../platform/shutdown.ts';
import { startHostReports } from './actor-host-report.ts';
import { ACTOR_METHOD_ROUTE, callerGuard } from './caller-guard.ts';
import { startEffectsSweeper } from './pending-effects.ts';

const config = loadConfig(
  baseEnvSchema.extend({
    /** How often to look for effects a crashed turn left pending (see pending-effects.ts). */
    EFFECTS_SWEEP_SECONDS: z.coerce.number().positive().default(30),
    /** How old pending effects must be before the sweep takes them over from their turn. */
    EFFECTS_MIN_AGE_SECONDS: z.coerce.number().positive().default(30),
    /** This replica's name for operators; the pod's host name when unset (Kubernetes). */
    APP_INSTANCE: z.string().min(1).optional(),
    /** Public keys of the signers whose caller assertions the actors accept, by app id. */
    CALLER_TRUSTED_KEYS: trustedKeysSchema,
  }),
);
const logger = createLogger(config.APP_ID, config.LOG_LEVEL);
installShutdownHandlers(logger);

const sidecar = sidecarOf(config);
await sidecar.waitUntilOutboundHealthy();
const secrets = await readSecrets(sidecar, config.SECRET_STORE, [
  'postgres-url',
  'caller-signing-key',
]);
// Calls among the actors (the next occurrence, a series edit carried on, the effects sweeper)
// are signed as the actor host, and only the methods of callerPolicy['todo-actors'] accept it.
const dapr = sidecar.signingAs(new CallerSigner(config.APP_ID, secrets['caller-signing-key']));
const { app, markStarted } = createServiceApp(
  [{ name: 'dapr', check: () => dapr.outboundHealthy() }],
  { appToken: config.APP_API_TOKEN, logger },
);

const server = new DaprServer({
  serverHost: config.HOST,
  serverPort: String(config.PORT),
  serverHttp: app,
  communicationProtocol: CommunicationProtocolEnum.HTTP,
  clientOptions: {
    daprHost: config.DAPR_HOST,
    daprPort: String(config.DAPR_HTTP_PORT),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    daprApiToken: config.DAPR_API_TOKEN,
    actor: { actorIdleTimeout: '1h', drainOngoingCallTimeout: '30s', drainRebalancedActors: true },
  },
  logger: { level: LogLevel.Warn },
});

const host: ActorHost = { instance: config.APP_INSTANCE ?? hostname(), app_id: config.APP_ID };

/** How many actors of each type this host has active, as its sidecar counts them. */
async function activeActors(): Promise<{ type: string; count: number }[]> {
  const metadata = await dapr.metadata();
  const runtime = metadata.actorRuntime as
    { activeActors?: { type: string; count?: number }[] } | undefined;
  return (runtime?.activeActors ?? []).map((actor) => ({
    type: actor.type,
    count: actor.count ?? 0,
  }));
}

// After the SDK's body parsers (registered by its constructor), before its actor routes.
app.put(ACTOR_METHOD_ROUTE, callerGuard(new CallerVerifier(config.CALLER_TRUSTED_KEYS), logger));

await server.actor.init();
server.actor.registerActor(
  createTaskActor({ runtime: dapr, logger, host, zones: new ZoneLeases() }),
);
server.actor.registerActor(createUserActor({ runtime: dapr, logger, host }));
await server.start();
onShutdown(() => server.stop());

const db = createDatabase(secrets['postgres-url'], { poolSize: 2, logger });
const stopSweeper = startEffectsSweeper({
  db,
  dapr,
  logger,
  appId: config.APP_ID,
  intervalMs: config.EFFECTS_SWEEP_SECONDS * 1000,
  minAgeSeconds: config.EFFECTS_MIN_AGE_SECONDS,
});
// It owns actor_hosts, like every process that owns tables (db/database.ts).
await migrateToLatest(db, logger);
const stopHostReports = startHostReports({ db, logger, host, activeActors });
onShutdown(async () => {
  stopSweeper();
  await stopHostReports();
  await db.destroy();
});
markStarted();
logger.info('actor host started', {
  port: config.PORT,
  actors: [TASK_ACTOR_TYPE, USER_ACTOR_TYPE],
});
