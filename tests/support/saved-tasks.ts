import type pg from 'pg';
import type { TaskState } from '../../actors/task/task-state.ts';

/**
 * The TaskActor states of these users as the actor host saved them in PostgreSQL: the truth
 * behind every read model. Free of vitest, for the tests and `npm run chaos` alike.
 */
export async function savedTasks(db: pg.Pool, userIds: readonly string[]): Promise<TaskState[]> {
  const { rows } = await db.query<{ state: TaskState }>(
    `select s.state from (select convert_from(value, 'UTF8')::jsonb as state from state
                           where key like 'todo-actors||TaskActor||%||task') s
      where s.state->'task'->>'user_id' = any($1)`,
    [userIds],
  );
  return rows.map((row) => row.state);
}
