import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { UserCounters } from '../../schemas/user.ts';

const counters = new Map<string, keyof UserCounters>([
  ['task.created', 'tasks_created'],
  ['task.occurrence_created', 'tasks_created'],
  ['task.completed', 'tasks_completed'],
  ['task.deleted', 'tasks_deleted'],
  ['task.skipped', 'tasks_skipped'],
]);
const counterNames = [...new Set(counters.values())];

/** Which of the user's counters an event adds one to, if any. Occurrences are created tasks. */
export const counterOf = (eventType: string): keyof UserCounters | undefined =>
  counters.get(eventType);

interface CountedEvent {
  event_type: string;
  user_id: string;
}

/**
 * What events add to each user's counters: one row per user with a count for every counter,
 * ordered by user id so that concurrent batches lock the counter rows in the same order.
 */
export function counterIncrements(events: CountedEvent[]): ({ user_id: string } & UserCounters)[] {
  const perUser = new Map<string, { user_id: string } & UserCounters>();
  for (const event of events) {
    const counter = counterOf(event.event_type);
    if (!counter) continue;
    let row = perUser.get(event.user_id);
    if (!row) {
      row = {
        user_id: event.user_id,
        ...(Object.fromEntries(counterNames.map((name) => [name, 0])) as UserCounters),
      };
      perUser.set(event.user_id, row);
    }
    row[counter] += 1;
  }
  return [...perUser.values()].sort((a, b) =>
    a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0,
  );
}

/**
 * Adds events to their users' counters. Called in the transaction that wrote the events' audit
 * rows, with the events it did write: the audit log's uniqueness on event_id makes the counts exact.
 */
export async function countEvents(db: Db, events: CountedEvent[]): Promise<void> {
  const increments = counterIncrements(events);
  if (increments.length === 0) return;
  await db
    .insertInto('user_counters')
    .values(increments)
    .onConflict((conflict) =>
      conflict
        .column('user_id')
        .doUpdateSet(
          Object.fromEntries(
            counterNames.map((name) => [
              name,
              sql`user_counters.${sql.ref(name)} + excluded.${sql.ref(name)}`,
            ]),
          ),
        ),
    )
    .execute();
}
