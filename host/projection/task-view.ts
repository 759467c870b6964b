import type { Db } from '../../platform/database/database.ts';
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

/**
 * Applies an event to the read model if it is newer than the row: an upsert that only wins
 * when its version is higher. Out-of-order and repeated deliveries therefore converge on the
 * newest state; a replayed event changes nothing. Returns whether the row changed.
 */
export async function projectTaskEvent(db: Db, event: TaskEvent): Promise<boolean> {
  const task = event.data.task;
  const row = {
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
    projected_at: new Date().toISOString(),
  };
  const { id: _id, ...changes } = row;
  const result = await db
    .insertInto('task_view')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet(changes).where('task_view.version', '<', task.version),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
