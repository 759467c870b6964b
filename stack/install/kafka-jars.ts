import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaLibDir, repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';

export const kafkaJarPresent = (): boolean =>
  existsSync(join(kafkaLibDir, `kafka_2.13-${versions.kafka}.jar`));

const kafkaPom = join(repoRoot, 'stack', 'kafka', 'pom.xml');

/**
 * The Maven command line that copies the runtime jars of a pom into a directory. Strict
 * checksums: an artifact (or plugin) whose checksum from the repository is missing or does not
 * match is a failed build, not Maven's default warning.
 */
export const copyDependenciesArgs = (
  pom: string,
  outputDir: string,
  properties: Record<string, string> = {},
): string[] => [
  '-q',
  '-B',
  '--strict-checksums',
  '-f',
  pom,
  'dependency:copy-dependencies',
  '-DincludeScope=runtime',
  ...Object.entries(properties).map(([name, value]) => `-D${name}=${value}`),
  `-DoutputDirectory=${outputDir}`,
];

/** Resolves the Kafka broker and tools jars from Maven Central into the version cache. */
export async function ensureKafkaJars(): Promise<void> {
  if (kafkaJarPresent()) return;
  console.log(`[install] fetching Apache Kafka ${versions.kafka} jars from Maven Central`);
  const staging = `${kafkaLibDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  await run('mvn', copyDependenciesArgs(kafkaPom, staging, { 'kafka.version': versions.kafka }), {
    quiet: true,
  });
  rmSync(kafkaLibDir, { recursive: true, force: true });
  renameSync(staging, kafkaLibDir);
}
