import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  poolSize?: number;
  logger?: Logger;
}

export function createDatabase(
  connectionString: string,
  { poolSize = 10, logger }: DatabaseOptions = {},
): Db {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    application_name: process.env.APP_ID,
  });
  // An idle client whose server went away (PostgreSQL restarted, fail-over) emits 'error' on the
  // pool; unhandled, that ends the process. The pool drops the client and connects a new one for
  // the next query, so a log line is all it takes (found by chaos/local/run.ts).
  pool.on('error', (error) => logger?.warn('idle database connection lost', { error }));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Applies pending migrations. Every process that owns tables calls this at start-up; kysely
 * takes a lock, so concurrent starts apply each migration once.
 */
export async function migrateToLatest(db: Db, logger: Logger): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success')
      logger.info('migration applied', { migration: result.migrationName });
    if (result.status === 'Error')
      logger.error('migration failed', { migration: result.migrationName });
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

export async function databaseReachable(db: Db): Promise<boolean> {
  await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  return true;
}
