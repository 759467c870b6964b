import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
  { name: 'task-updates', partitions: 6, retentionDays: 1 },
  { name: 'dlq-events', partitions: 3, retentionDays: 30 },
] as const;

export interface KafkaSettings {
  dir: string;
  logFile: string;
  port: number;
  controllerPort: number;
}

const classpath = () => `${kafkaLibDir}/*`;

/**
 * A KRaft cluster id: 16 random bytes, base64url without padding. One in 64 starts with '-', so it
 * is passed as `--cluster-id=<id>`: as a separate argument the tool's parser takes it for an option.
 */
const newClusterId = () => randomBytes(16).toString('base64url');

function serverProperties(settings: KafkaSettings, logDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${settings.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${settings.port},CONTROLLER://127.0.0.1:${settings.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${settings.port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=3',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=6',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics are created explicitly with their partition counts; a typo must not create one.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

const jvmArgs = [
  '-Xms256m',
  '-Xmx768m',
  '-XX:+UseG1GC',
  '-Djava.awt.headless=true',
  '-Dlog4j2.level=WARN',
];

export async function startKafka(settings: KafkaSettings): Promise<ManagedProcess> {
  mkdirSync(settings.dir, { recursive: true });
  const logDir = join(settings.dir, 'data');
  const config = join(settings.dir, 'server.properties');
  // Ports can change between runs of the same data dir: the config is rewritten every time.
  writeFileSync(config, serverProperties(settings, logDir));
  if (!existsSync(join(logDir, 'meta.properties'))) {
    await run(
      'java',
      [
        '-cp',
        classpath(),
        'kafka.tools.StorageTool',
        'format',
        `--cluster-id=${newClusterId()}`,
        '-c',
        config,
      ],
      { quiet: true },
    );
  }
  const broker = new ManagedProcess({
    name: 'kafka',
    command: 'java',
    args: [
      ...jvmArgs,
      `-Dkafka.logs.dir=${settings.dir}`,
      '-cp',
      classpath(),
      'kafka.Kafka',
      config,
    ],
    logFile: settings.logFile,
    stopTimeoutMs: 20_000,
  });
  broker.start();
  const bootstrap = `127.0.0.1:${settings.port}`;
  await waitUntil('kafka', () => brokerAnswers(bootstrap), {
    exited: broker.whenExited(),
    logFile: settings.logFile,
    timeoutMs: 90_000,
    intervalMs: 500,
  });
  await ensureTopics(bootstrap);
  return broker;
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

export async function ensureTopics(bootstrap: string): Promise<void> {
  const admin = new Admin({ clientId: 'stack-topics', bootstrapBrokers: [bootstrap] });
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of topics) {
      if (existing.has(topic.name)) continue;
      await admin.createTopics({
        topics: [topic.name],
        partitions: topic.partitions,
        replicas: 1,
        configs: [{ name: 'retention.ms', value: String(topic.retentionDays * 24 * 3600 * 1000) }],
      });
    }
  } finally {
    await admin.close();
  }
}
