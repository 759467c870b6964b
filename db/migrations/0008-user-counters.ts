import { sql, type Kysely } from 'kysely';

/** Per-user counters, kept by the audit worker; filled from the audit log it has written so far. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_counters')
    .addColumn('user_id', 'text', (column) => column.primaryKey())
    .addColumn('tasks_created', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('tasks_completed', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('tasks_deleted', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await sql`
    insert into user_counters (user_id, tasks_created, tasks_completed, tasks_deleted)
    select user_id,
           count(*) filter (where event_type in ('task.created', 'task.occurrence_created')),
           count(*) filter (where event_type = 'task.completed'),
           count(*) filter (where event_type = 'task.deleted')
      from audit_log
     where topic = 'task-events'
     group by user_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_counters').execute();
}
