import { describe, expect, it } from 'vitest';
import { replication, serverProperties } from './kafka.ts';

const brokers = [
  { port: 9001, controllerPort: 9101 },
  { port: 9002, controllerPort: 9102 },
  { port: 9003, controllerPort: 9103 },
];

describe('the Kafka cluster of a profile', () => {
  it('replicates three ways and acknowledges on two in a three-broker cluster', () => {
    expect(replication(3)).toEqual({ factor: 3, minInsync: 2 });
    expect(replication(1)).toEqual({ factor: 1, minInsync: 1 });
    const second = serverProperties(brokers, 1, '/data');
    expect(second).toContain('node.id=2');
    expect(second).toContain(
      'controller.quorum.voters=1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103',
    );
    expect(second).toContain('listeners=PLAINTEXT://127.0.0.1:9002,CONTROLLER://127.0.0.1:9102');
    expect(second).toContain('default.replication.factor=3');
    expect(second).toContain('min.insync.replicas=2');
    expect(second).toContain('offsets.topic.replication.factor=3');
  });

  it('keeps a lone broker unreplicated', () => {
    const only = serverProperties(brokers.slice(0, 1), 0, '/data');
    expect(only).toContain('controller.quorum.voters=1@127.0.0.1:9101');
    expect(only).toContain('offsets.topic.replication.factor=1');
  });
});
