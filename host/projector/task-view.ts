import type { Db } from '../../db/database.ts';
import type { EventType, TypedEnvelope } from '../../schemas/events.ts';
import type { Task } from '../../schemas/task.ts';

export const priorityRank: Record<Task['priority'], number> = {
  low: 0,
  medium: 1,
  high: 2,
  urgent: 3,
};

type TaskEvent = TypedEnvelope<Exclude<EventType, 'reminder.due'>>;

export const isTaskViewEvent = (event: TypedEnvelope<EventType>): event is TaskEvent =>
  event.event_type !== 'reminder.due';

const rowOf = (event: TaskEvent, projectedAt: string) => {
  const task = event.data.task;
  return {
    id: task.id,
    user_id: task.user_id,
    version: task.version,
    deleted: event.event_type === 'task.deleted',
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    priority_rank: priorityRank[task.priority],
    tags: task.tags,
    tags_lower: task.tags.map((tag) => tag.toLowerCase()),
    due_at: task.due_at,
    has_recurrence: task.recurrence !== null,
    series_id: task.series_id,
    created_at: task.created_at,
    updated_at: task.updated_at,
    completed_at: task.completed_at,
    task: JSON.stringify(task),
    last_event_id: event.event_id,
    projected_at: projectedAt,
  };
};
/**
 * The newest event of each task, ordered by task id. One statement may change a row only once,
 * and a batch may hold several events of one task; the version gate makes the newest the only
 * one that counts anyway. The order makes concurrent batches lock rows in the same order.
 */
export function newestPerTask<E extends TaskEvent>(events: E[]): E[] {
  const newest = new Map<string, E>();
  for (const event of events) {
    const seen = newest.get(event.data.task.id);
    if (!seen || seen.data.task.version < event.data.task.version)
      newest.set(event.data.task.id, event);
  }
  return [...newest.values()].sort((a, b) =>
    a.data.task.id < b.data.task.id ? -1 : a.data.task.id > b.data.task.id ? 1 : 0,
  );
}

/**
 * Applies events to the read model in one statement: an upsert per task that only wins when its
 * version is higher than the row's. Out-of-order and repeated deliveries therefore converge on the
 * newest state; a replayed event or batch changes nothing. Returns how many rows changed.
 */
export async function projectTaskEvents(db: Db, events: TaskEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const projectedAt = new Date().toISOString();
  const rows = newestPerTask(events).map((event) => rowOf(event, projectedAt));
  const { id: _id, ...changes } = rows[0]!;
  const updated = Object.keys(changes) as (keyof typeof changes)[];
  const result = await db
    .insertInto('task_view')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .column('id')
        .doUpdateSet((update) =>
          Object.fromEntries(updated.map((column) => [column, update.ref(`excluded.${column}`)])),
        )
        .where((where) => where('task_view.version', '<', where.ref('excluded.version'))),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
