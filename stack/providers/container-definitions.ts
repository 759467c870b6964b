import { versions } from '../versions.ts';

/**
 * The backing services as containers of their official images, for machines where a Docker
 * engine answers (developer laptops, GitHub's runners). Pure data: `containers.ts` turns it into
 * testcontainers, and the unit test checks it without an engine. Host ports are the stack's own
 * choice, so the rest of the stack (Dapr components, apps) is the same as with local processes.
 */
export interface ContainerDefinition {
  name: 'postgres' | 'redis' | 'kafka';
  image: string;
  env: Record<string, string>;
  command?: string[];
  /** Container port → host port (on 127.0.0.1). */
  ports: { container: number; host: number }[];
  /** A line in the container's log that says it is ready. */
  readyLog: RegExp;
  tmpfs?: Record<string, string>;
}

export interface ContainerPorts {
  postgres: number;
  redis: number;
  kafka: number;
}

export const images = {
  postgres: `postgres:${versions.postgresMajor}-bookworm`,
  redis: 'redis:7.2-bookworm',
  kafka: `apache/kafka:${versions.kafka}`,
} as const;

export function containerDefinitions(
  ports: ContainerPorts,
  postgresPassword: string,
): ContainerDefinition[] {
  return [
    {
      name: 'postgres',
      image: images.postgres,
      env: { POSTGRES_PASSWORD: postgresPassword, POSTGRES_DB: 'todo' },
      // Per-run data thrown away: durability off, as with the local-process provider in tests.
      command: [
        'postgres',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      ports: [{ container: 5432, host: ports.postgres }],
      readyLog: /database system is ready to accept connections/,
      tmpfs: { '/var/lib/postgresql/data': 'rw' },
    },
    {
      name: 'redis',
      image: images.redis,
      env: {},
      command: ['redis-server', '--save', '', '--appendonly', 'no'],
      ports: [{ container: 6379, host: ports.redis }],
      readyLog: /Ready to accept connections/,
    },
    {
      name: 'kafka',
      image: images.kafka,
      // KRaft, one node. The broker listens on the same port number inside as outside, so the
      // address it advertises is the one clients on the host use.
      env: {
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${ports.kafka},CONTROLLER://0.0.0.0:9093`,
        KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${ports.kafka}`,
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
        KAFKA_HEAP_OPTS: '-Xms256m -Xmx768m',
      },
      ports: [{ container: ports.kafka, host: ports.kafka }],
      readyLog: /Kafka Server started/,
    },
  ];
}
