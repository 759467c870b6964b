import type { Kysely } from 'kysely';
import type { Logger } from '../platform/logger.ts';
import * as postgres from '../platform/database/database.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

/** The application's tables (db/schema.ts). Actor state is Dapr's `state` table, not here. */
export type Db = Kysely<Database>;

export function createDatabase(connectionString: string, options?: postgres.DatabaseOptions): Db {
  return postgres.createDatabase<Database>(connectionString, options);
}

/** Every process that owns tables calls this at start-up (db/migrations/). */
export function migrateToLatest(db: Db, logger: Logger): Promise<void> {
  return postgres.migrateToLatest(db, migrations, logger);
}

/** What platform/'s process shapes (platform/event-worker.ts) open and migrate. */
export const appDatabase: postgres.AppDatabase<Database> = {
  open: createDatabase,
  migrate: migrateToLatest,
};
