import type { Migration } from 'kysely/migration';
import * as auditLog from './0001-audit-log.ts';

/** Listed explicitly: order is the key order, and a bundler cannot lose a file. */
export const migrations: Record<string, Migration> = {
  '0001-audit-log': auditLog,
};
