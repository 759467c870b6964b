import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaLibDir, repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';

export const kafkaJarPresent = (): boolean =>
  existsSync(join(kafkaLibDir, `kafka_2.13-${versions.kafka}.jar`));

/** Resolves the Kafka broker and tools jars from Maven Central into the version cache. */
export async function ensureKafkaJars(): Promise<void> {
  if (kafkaJarPresent()) return;
  console.log(`[install] fetching Apache Kafka ${versions.kafka} jars from Maven Central`);
  const staging = `${kafkaLibDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  await run(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(repoRoot, 'stack', 'kafka', 'pom.xml'),
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-Dkafka.version=${versions.kafka}`,
      `-DoutputDirectory=${staging}`,
    ],
    { quiet: true },
  );
  rmSync(kafkaLibDir, { recursive: true, force: true });
  renameSync(staging, kafkaLibDir);
}
