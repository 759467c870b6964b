import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { brokerAnswers, ensureTopics } from '../services/kafka.ts';
import { canQuery, databaseName, ensureDatabase, postgresUrl } from '../services/postgres.ts';
import { redisPing } from '../services/redis.ts';
import { waitUntil } from '../wait.ts';
import {
  containerDefinitions,
  type ContainerDefinition,
  type ContainerPorts,
} from './container-definitions.ts';

/** A started container, supervised like a process: stop() ends and removes it. */
export interface RunningContainer {
  name: string;
  running: boolean;
  stop(): Promise<void>;
}

export async function startContainer(definition: ContainerDefinition): Promise<RunningContainer> {
  let container = new GenericContainer(definition.image)
    .withEnvironment(definition.env)
    .withExposedPorts(...definition.ports)
    .withWaitStrategy(Wait.forLogMessage(definition.readyLog))
    .withStartupTimeout(120_000);
  if (definition.command) container = container.withCommand(definition.command);
  if (definition.tmpfs) container = container.withTmpFs(definition.tmpfs);
  const started: StartedTestContainer = await container.start();
  const handle: RunningContainer = {
    name: definition.name,
    running: true,
    stop: async () => {
      if (!handle.running) return;
      handle.running = false;
      await started.stop({ timeout: 10_000 });
    },
  };
  return handle;
}

/**
 * PostgreSQL, Redis and Kafka as containers on the given host ports, each waited for as the
 * local-process provider does, with the database and the topics created.
 */
export async function startBackingContainers(
  ports: ContainerPorts,
  postgresPassword: string,
): Promise<RunningContainer[]> {
  const started = await Promise.all(
    containerDefinitions(ports, postgresPassword).map((definition) => startContainer(definition)),
  );
  const adminUrl = postgresUrl(ports.postgres, postgresPassword, 'postgres');
  await waitUntil('postgres container', () => canQuery(adminUrl), { timeoutMs: 60_000 });
  await ensureDatabase(adminUrl, databaseName);
  await waitUntil('redis container', () => redisPing(ports.redis));
  const bootstrap = `127.0.0.1:${ports.kafka}`;
  await waitUntil('kafka container', () => brokerAnswers(bootstrap), {
    timeoutMs: 90_000,
    intervalMs: 500,
  });
  await ensureTopics([bootstrap], 1);
  return started;
}
