import { sql, type Kysely } from 'kysely';

/**
 * Free-text search matches title or description by substring as well as by words; with a
 * trigram index on both, the planner can OR three index scans instead of scanning the user's rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index task_view_description_trgm on task_view using gin (description gin_trgm_ops) where not deleted`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index task_view_description_trgm`.execute(db);
}
