import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from './private-file.ts';

/**
 * secrets.json of a run dir: read by Dapr's local file secret store (dapr-components/local),
 * and from there by the apps. Generated secrets are kept across restarts of the same run dir.
 */
export const stackSecretsSchema = z.object({
  'postgres-password': z.string(),
  'postgres-url': z.string(),
  'kafka-brokers': z.string(),
  'redis-url': z.string(),
  'jwt-secret': z.string(),
  'smtp-host': z.string(),
  'smtp-port': z.string(),
  'smtp-user': z.string(),
  'smtp-password': z.string(),
});
export type StackSecrets = z.infer<typeof stackSecretsSchema>;

type Generated = Pick<
  StackSecrets,
  'postgres-password' | 'jwt-secret' | 'smtp-user' | 'smtp-password'
>;

export function loadOrCreateGeneratedSecrets(runDir: string): Generated {
  const file = secretsFile(runDir);
  if (existsSync(file)) {
    const existing = stackSecretsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (existing.success) return existing.data;
  }
  return {
    'postgres-password': randomBytes(18).toString('base64url'),
    'jwt-secret': randomBytes(32).toString('base64url'),
    'smtp-user': 'todo-notifier',
    'smtp-password': randomBytes(12).toString('base64url'),
  };
}

export const secretsFile = (runDir: string): string => join(runDir, 'secrets.json');

export function writeSecrets(runDir: string, secrets: StackSecrets): void {
  writePrivateFile(secretsFile(runDir), `${JSON.stringify(secrets, null, 2)}\n`);
}
