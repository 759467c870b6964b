import { Kysely, PostgresDialect } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';
import type { Logger } from '../logger.ts';

export interface DatabaseOptions {
  poolSize?: number;
  logger?: Pick<Logger, 'warn'>;
}

/**
 * An application's tables as a process needs them: open a pool, bring the schema up to date.
 * The app passes its own (db/database.ts); platform/ knows no table.
 */
export interface AppDatabase<DB> {
  open(connectionString: string, options?: DatabaseOptions): Kysely<DB>;
  migrate(db: Kysely<DB>, logger: Logger): Promise<void>;
}

export function createDatabase<DB>(
  connectionString: string,
  { poolSize = 10, logger }: DatabaseOptions = {},
): Kysely<DB> {
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
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Applies pending migrations. Every process that owns tables calls this at start-up; kysely
 * takes a lock, so concurrent starts apply each migration once.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
  logger: Logger,
): Promise<void> {
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

export async function databaseReachable<DB>(db: Kysely<DB>): Promise<boolean> {
  await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  return true;
}
