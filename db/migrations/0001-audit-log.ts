import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    // Idempotency of the audit projection: one row per event, however often it is delivered.
    .addColumn('event_id', 'uuid', (column) => column.notNull().unique())
    .addColumn('event_type', 'text', (column) => column.notNull())
    .addColumn('topic', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('task_id', 'text')
    .addColumn('version', 'integer')
    .addColumn('correlation_id', 'text')
    .addColumn('payload', 'jsonb', (column) => column.notNull())
    .addColumn('occurred_at', 'timestamptz', (column) => column.notNull())
    .addColumn('recorded_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('audit_log_user_time')
    .on('audit_log')
    .columns(['user_id', 'occurred_at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_task_version')
    .on('audit_log')
    .columns(['task_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
}
