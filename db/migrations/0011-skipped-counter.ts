import { sql, type Kysely } from 'kysely';

/** Occurrences closed as skipped get their own counter, filled from the audit log so far. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('user_counters')
    .addColumn('tasks_skipped', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await sql`
    update user_counters c
       set tasks_skipped = s.n
      from (select user_id, count(*) as n from audit_log
             where topic = 'task-events' and event_type = 'task.skipped' group by user_id) s
     where c.user_id = s.user_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('user_counters').dropColumn('tasks_skipped').execute();
}
