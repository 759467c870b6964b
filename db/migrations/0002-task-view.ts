import { sql, type Kysely } from 'kysely';

/**
 * The search read model: one row per task, projected from task-events. Rows of deleted tasks
 * stay (deleted = true) so that an older event arriving late cannot bring them back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await db.schema
    .createTable('task_view')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('deleted', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('priority', 'text', (column) => column.notNull())
    .addColumn('priority_rank', 'smallint', (column) => column.notNull())
    .addColumn('tags', sql`text[]`, (column) => column.notNull())
    .addColumn('tags_lower', sql`text[]`, (column) => column.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('has_recurrence', 'boolean', (column) => column.notNull())
    .addColumn('series_id', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addColumn('task', 'jsonb', (column) => column.notNull())
    .addColumn('last_event_id', 'uuid', (column) => column.notNull())
    .addColumn('projected_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('search', sql`tsvector`, (column) =>
      column
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', description), 'B')`,
        )
        .stored(),
    )
    .execute();
  // Every query filters by user and excludes deleted rows: each sort order gets a keyset index.
  const live = sql`not deleted`;
  await sql`create index task_view_due on task_view (user_id, coalesce(due_at, 'infinity'::timestamptz), id) where ${live}`.execute(
    db,
  );
  await sql`create index task_view_priority on task_view (user_id, priority_rank, id) where ${live}`.execute(
    db,
  );
  await sql`create index task_view_created on task_view (user_id, created_at, id) where ${live}`.execute(
    db,
  );
  await sql`create index task_view_updated on task_view (user_id, updated_at, id) where ${live}`.execute(
    db,
  );
  await sql`create index task_view_title on task_view (user_id, lower(title), id) where ${live}`.execute(
    db,
  );
  await sql`create index task_view_tags on task_view using gin (tags_lower) where ${live}`.execute(
    db,
  );
  await sql`create index task_view_search on task_view using gin (search) where ${live}`.execute(
    db,
  );
  await sql`create index task_view_title_trgm on task_view using gin (title gin_trgm_ops) where ${live}`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('task_view').execute();
}
