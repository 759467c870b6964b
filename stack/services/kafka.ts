import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Admin } from '@platformatic/kafka';
import { kafkaLibDir } from '../paths.ts';
import { run } from '../install/run.ts';
import { ManagedProcess } from '../process.ts';
import { waitUntil } from '../wait.ts';

/** Topics of the plan: partitions and retention. */
export const topics = [
  { name: 'task-events', partitions: 6, retentionDays: 7 },
  { name: 'reminders', partitions: 3, retentionDays: 7 },
  { name: 'dlq-events', partitions: 3, retentionDays: 30 },
] as const;

export interface KafkaBrokerPorts {
  port: number;
  controllerPort: number;
}

export interface KafkaSettings {
  /** Data and config of the cluster; broker i lives in `dir/broker-i` when there are several. */
  dir: string;
  /** Log file of broker i. */
  logFile: (index: number) => string;
  /** Process name of broker i. */
  name: (index: number) => string;
  /** One entry per broker; each broker is also a KRaft controller (combined mode). */
  brokers: KafkaBrokerPorts[];
}

const classpath = () => `${kafkaLibDir}/*`;

/**
 * A KRaft cluster id: 16 random bytes, base64url without padding. One in 64 starts with '-', so it
 * is passed as `--cluster-id=<id>`: as a separate argument the tool's parser takes it for an option.
 */
const newClusterId = () => randomBytes(16).toString('base64url');

/**
 * Replication of the cluster's topics: every copy on every broker of a 3-broker cluster, and an
 * acknowledged write on 2 of them, so that losing one broker loses nothing acknowledged.
 */
export function replication(brokers: number): { factor: number; minInsync: number } {
  return brokers >= 3 ? { factor: 3, minInsync: 2 } : { factor: 1, minInsync: 1 };
}

export function serverProperties(
  brokers: KafkaBrokerPorts[],
  index: number,
  logDir: string,
): string {
  const self = brokers[index]!;
  const { factor, minInsync } = replication(brokers.length);
  const voters = brokers.map((broker, i) => `${i + 1}@127.0.0.1:${broker.controllerPort}`);
  return [
    'process.roles=broker,controller',
    `node.id=${index + 1}`,
    `controller.quorum.voters=${voters.join(',')}`,
    `listeners=PLAINTEXT://127.0.0.1:${self.port},CONTROLLER://127.0.0.1:${self.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${self.port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=3',
    `default.replication.factor=${factor}`,
    `min.insync.replicas=${minInsync}`,
    `offsets.topic.replication.factor=${factor}`,
    'offsets.topic.num.partitions=6',
    `transaction.state.log.replication.factor=${factor}`,
    `transaction.state.log.min.isr=${minInsync}`,
    `share.coordinator.state.topic.replication.factor=${factor}`,
    `share.coordinator.state.topic.min.isr=${minInsync}`,
    'group.initial.rebalance.delay.ms=0',
    // The active controller appends a no-op record to the metadata log this often when nothing
    // else happens (default 500 ms): a third of an idle broker's CPU here (bench/idle.ts).
    'metadata.max.idle.interval.ms=5000',
    // Topics are created explicitly with their partition counts; a typo must not create one.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

const jvmArgs = (brokers: number) => [
  '-Xms256m',
  brokers > 1 ? '-Xmx512m' : '-Xmx768m',
  '-XX:+UseG1GC',
  '-Djava.awt.headless=true',
  '-Dlog4j2.level=WARN',
];

/** Starts every broker of the cluster, waits until all answer, then creates the plan's topics. */
export async function startKafka(settings: KafkaSettings): Promise<ManagedProcess[]> {
  const count = settings.brokers.length;
  const brokerDir = (index: number) =>
    count === 1 ? settings.dir : join(settings.dir, `broker-${index + 1}`);
  const clusterIdFile = join(settings.dir, 'cluster-id');
  mkdirSync(settings.dir, { recursive: true });
  // Every broker of one cluster is formatted with the same id.
  if (!existsSync(clusterIdFile)) writeFileSync(clusterIdFile, newClusterId());
  const clusterId = readFileSync(clusterIdFile, 'utf8').trim();
  const processes = await Promise.all(
    settings.brokers.map(async (_, index) => {
      const dir = brokerDir(index);
      mkdirSync(dir, { recursive: true });
      const logDir = join(dir, 'data');
      const config = join(dir, 'server.properties');
      // Ports can change between runs of the same data dir: the config is rewritten every time.
      writeFileSync(config, serverProperties(settings.brokers, index, logDir));
      if (!existsSync(join(logDir, 'meta.properties'))) {
        await run(
          'java',
          [
            '-cp',
            classpath(),
            'kafka.tools.StorageTool',
            'format',
            `--cluster-id=${clusterId}`,
            '-c',
            config,
          ],
          { quiet: true },
        );
      }
      return new ManagedProcess({
        name: settings.name(index),
        command: 'java',
        args: [
          ...jvmArgs(count),
          `-Dkafka.logs.dir=${dir}`,
          '-cp',
          classpath(),
          'kafka.Kafka',
          config,
        ],
        logFile: settings.logFile(index),
        stopTimeoutMs: 20_000,
      });
    }),
  );
  for (const broker of processes) broker.start();
  const bootstraps = settings.brokers.map((broker) => `127.0.0.1:${broker.port}`);
  await Promise.all(
    processes.map((broker, index) =>
      waitUntil(broker.name, () => brokerAnswers(bootstraps[index]!), {
        exited: broker.whenExited(),
        logFile: settings.logFile(index),
        timeoutMs: 120_000,
        intervalMs: 500,
      }),
    ),
  );
  await ensureTopics(bootstraps, count);
  return processes;
}

export async function brokerAnswers(bootstrap: string): Promise<boolean> {
  const admin = new Admin({ clientId: 'stack-probe', bootstrapBrokers: [bootstrap], retries: 0 });
  try {
    await admin.listTopics();
    return true;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

export async function ensureTopics(bootstraps: string[], brokers: number): Promise<void> {
  const { factor, minInsync } = replication(brokers);
  const admin = new Admin({ clientId: 'stack-topics', bootstrapBrokers: bootstraps });
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of topics) {
      if (existing.has(topic.name)) continue;
      await admin.createTopics({
        topics: [topic.name],
        partitions: topic.partitions,
        replicas: factor,
        configs: [
          { name: 'retention.ms', value: String(topic.retentionDays * 24 * 3600 * 1000) },
          { name: 'min.insync.replicas', value: String(minInsync) },
        ],
      });
    }
  } finally {
    await admin.close();
  }
}
