import type { Db } from '../../db/database.ts';
import type { UserCounters } from '../../schemas/user.ts';

const none: UserCounters = {
  tasks_created: 0,
  tasks_completed: 0,
  tasks_deleted: 0,
  tasks_skipped: 0,
};

/** The user's counters as the audit worker has counted them (a user with no events has none). */
export async function userCounters(db: Db, userId: string): Promise<UserCounters> {
  const row = await db
    .selectFrom('user_counters')
    .select(['tasks_created', 'tasks_completed', 'tasks_deleted', 'tasks_skipped'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ?? none;
}
