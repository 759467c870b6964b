import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import type { EventEnvelope } from '../../schemas/events.ts';
import type { UserCounters } from '../../schemas/user.ts';

const counters = new Map<string, keyof UserCounters>([
  ['task.created', 'tasks_created'],
  ['task.occurrence_created', 'tasks_created'],
  ['task.completed', 'tasks_completed'],
  ['task.deleted', 'tasks_deleted'],
  ['task.skipped', 'tasks_skipped'],
]);

/** Which of the user's counters an event adds one to, if any. Occurrences are created tasks. */
export const counterOf = (eventType: string): keyof UserCounters | undefined =>
  counters.get(eventType);

/**
 * Adds the event to its user's counter. Called in the transaction that wrote the event's audit
 * row, and only when it did: the audit log's uniqueness on event_id makes the count exact.
 */
export async function countEvent(db: Db, event: EventEnvelope): Promise<void> {
  const counter = counterOf(event.event_type);
  if (!counter) return;
  await db
    .insertInto('user_counters')
    .values({ user_id: event.user_id, [counter]: 1 })
    .onConflict((conflict) =>
      conflict
        .column('user_id')
        .doUpdateSet({ [counter]: sql`user_counters.${sql.ref(counter)} + 1` }),
    )
    .execute();
}
