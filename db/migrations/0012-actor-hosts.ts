import type { Kysely } from 'kysely';

/**
 * Each actor host replica's latest report of itself (host/actor-host/actor-host-report.ts): its
 * active actors per type, as its sidecar counts them. The operator view of the hosts reads it; a
 * replica that stopped reporting drops out of the view (a killed one leaves its row behind).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('actor_hosts')
    .addColumn('instance', 'text', (column) => column.primaryKey())
    .addColumn('app_id', 'text', (column) => column.notNull())
    .addColumn('active_actors', 'jsonb', (column) => column.notNull())
    .addColumn('started_at', 'timestamptz', (column) => column.notNull())
    .addColumn('reported_at', 'timestamptz', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('actor_hosts').execute();
}
