import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_history')
    // One row per reminder event: whoever inserts it first sends the mail.
    .addColumn('event_id', 'uuid', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('task_id', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('detail', 'text')
    .addColumn('claimed_by', 'text', (column) => column.notNull())
    .addColumn('claimed_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('message_id', 'text')
    .execute();
  await db.schema
    .createIndex('notification_history_user')
    .on('notification_history')
    .columns(['user_id', 'claimed_at'])
    .execute();
  await db.schema
    .createTable('dead_letters')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('reason', 'text')
    .addColumn('topic', 'text')
    .addColumn('subscriber', 'text')
    .addColumn('error', 'text')
    .addColumn('payload', 'jsonb', (column) => column.notNull())
    .addColumn('received_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dead_letters').execute();
  await db.schema.dropTable('notification_history').execute();
}
