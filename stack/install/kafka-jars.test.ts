import { describe, expect, it } from 'vitest';
import { copyDependenciesArgs } from './kafka-jars.ts';

describe('the Kafka jars download', () => {
  it('fails on a missing or wrong checksum instead of warning', () => {
    const args = copyDependenciesArgs('/repo/stack/kafka/pom.xml', '/cache/libs.partial', {
      'kafka.version': '4.1.1',
    });
    expect(args).toContain('--strict-checksums');
    expect(args).toEqual([
      '-q',
      '-B',
      '--strict-checksums',
      '-f',
      '/repo/stack/kafka/pom.xml',
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      '-Dkafka.version=4.1.1',
      '-DoutputDirectory=/cache/libs.partial',
    ]);
  });
});
