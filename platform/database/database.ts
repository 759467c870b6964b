import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  poolSize?: number;
  logger?: Pick<Logger, 'warn'>;
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
  // A client whose server went away (PostgreSQL restarted, fail-over) emits 'error'; unhandled,
  // that ends the process. Idle, the pool re-emits it; checked out (inside a transaction, or
  // between a query and its release), only the client has it. Either way the query in flight
  // fails on its own and the pool drops the client, so a log line is all it takes (both found by
  // chaos/local/run.ts, the second only once transactions held connections longer).
  pool.on('connect', (client) =>
    client.on('error', (error) => logger?.warn('database connection lost', { error })),
  );
  pool.on('error', () => undefined);
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
