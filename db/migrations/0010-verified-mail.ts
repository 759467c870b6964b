import { sql, type Kysely } from 'kysely';

/**
 * Mail that only goes where it is wanted: verification mails requested by the gateway and sent
 * by the notifier, and a per-user, per-day count of everything the notifier mails.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('verification_mails')
    // An outbox row: the gateway writes it (with the account at sign-up), a notifier claims it.
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('pending'))
    .addColumn('detail', 'text')
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('requested_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('message_id', 'text')
    .execute();
  // What the notifiers poll: only rows still to send, so the index stays small.
  await sql`create index verification_mails_open on verification_mails (requested_at)
            where status in ('pending', 'sending')`.execute(db);
  await db.schema
    .createIndex('verification_mails_user')
    .on('verification_mails')
    .columns(['user_id', 'requested_at'])
    .execute();
  await db.schema
    .createTable('mail_daily_counts')
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('day', 'date', (column) => column.notNull())
    .addColumn('sent', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('mail_daily_counts_pk', ['user_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mail_daily_counts').execute();
  await db.schema.dropTable('verification_mails').execute();
}
