import { describe, expect, it } from 'vitest';
import { versions } from '../versions.ts';
import { containerDefinitions, images } from './container-definitions.ts';

const ports = { postgres: 15432, redis: 16379, kafka: 19092 };
const definitions = containerDefinitions(ports, 'secret-pw');
const byName = Object.fromEntries(definitions.map((d) => [d.name, d]));

describe('the container definitions of the stack', () => {
  it('pin official images to the stack’s versions, never a moving tag', () => {
    expect(images.kafka).toBe(`apache/kafka:${versions.kafka}`);
    expect(images.postgres).toBe(`postgres:${versions.postgresMajor}-bookworm`);
    for (const definition of definitions) expect(definition.image).not.toMatch(/:latest$|^[^:]+$/);
  });

  it('publish each service on the port the rest of the stack was given', () => {
    expect(byName.postgres!.ports).toEqual([{ container: 5432, host: 15432 }]);
    expect(byName.redis!.ports).toEqual([{ container: 6379, host: 16379 }]);
    expect(byName.kafka!.ports).toEqual([{ container: 19092, host: 19092 }]);
  });

  it('run Kafka in KRaft mode, advertising the address clients on the host use, without auto-created topics', () => {
    const env = byName.kafka!.env;
    expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(env.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://127.0.0.1:19092');
    expect(env.KAFKA_LISTENERS).toContain('PLAINTEXT://0.0.0.0:19092');
    expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });

  it('give PostgreSQL the stack’s password and database, on throw-away storage', () => {
    expect(byName.postgres!.env).toEqual({ POSTGRES_PASSWORD: 'secret-pw', POSTGRES_DB: 'todo' });
    expect(byName.postgres!.tmpfs).toHaveProperty('/var/lib/postgresql/data');
  });

  it('know when each is ready', () => {
    expect('database system is ready to accept connections').toMatch(byName.postgres!.readyLog);
    expect('[KafkaServer id=1] Kafka Server started (kafka.server.KafkaRaftServer)').toMatch(
      byName.kafka!.readyLog,
    );
    expect('1:M 26 Nov 2026 01:00:00.000 * Ready to accept connections tcp').toMatch(
      byName.redis!.readyLog,
    );
  });
});
