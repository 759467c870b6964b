import { sql, type Kysely } from 'kysely';

/**
 * Refresh tokens in families: a log-in starts one, each refresh adds the next token and marks
 * the presented one used instead of deleting it, so that a used token presented again (stolen,
 * or replayed) is recognised and ends its whole family. Tokens issued before are each a family
 * of their own: they keep working, and rotate within it from their next refresh on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('refresh_tokens')
    .addColumn('family_id', 'text')
    .addColumn('used_at', 'timestamptz')
    .execute();
  await sql`update refresh_tokens set family_id = gen_random_uuid()::text`.execute(db);
  await db.schema
    .alterTable('refresh_tokens')
    .alterColumn('family_id', (column) => column.setNotNull())
    .execute();
  await db.schema
    .createIndex('refresh_tokens_family')
    .on('refresh_tokens')
    .column('family_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Used tokens never worked again; without the columns they would work once more.
  await sql`delete from refresh_tokens where used_at is not null`.execute(db);
  await db.schema.dropIndex('refresh_tokens_family').execute();
  await db.schema
    .alterTable('refresh_tokens')
    .dropColumn('family_id')
    .dropColumn('used_at')
    .execute();
}
