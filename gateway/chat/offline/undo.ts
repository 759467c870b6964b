import type { Task } from '../../../schemas/task.ts';
import type { ToolName } from '../../../schemas/tools.ts';
import type { ConversationState } from '../engine.ts';

type Undo = NonNullable<ConversationState['undo']>[number];

const editable = ['title', 'description', 'status', 'priority', 'tags', 'due_at'] as const;

/** The task as a create body: what brings a deleted task back (with a new id). */
function recreate(task: Task): Record<string, unknown> {
  return {
    title: task.title,
    description: task.description,
    priority: task.priority,
    tags: task.tags,
    due_at: task.due_at,
    recurrence: task.recurrence
      ? { rrule: task.recurrence.rrule, repeat_from: task.recurrence.repeat_from }
      : null,
  };
}

/**
 * The call that takes one change back, from the task before and after it; undefined for a change
 * that cannot be taken back (a skipped occurrence).
 */
export function inverseOf(
  name: ToolName,
  args: Record<string, unknown>,
  before: Task | undefined,
  after: Task | undefined,
): Undo | undefined {
  switch (name) {
    case 'add_task':
      return after ? { name: 'delete_task', arguments: { task_id: after.id } } : undefined;
    case 'complete_task':
      return before ? { name: 'reopen_task', arguments: { task_id: before.id } } : undefined;
    case 'reopen_task':
      return before ? { name: 'complete_task', arguments: { task_id: before.id } } : undefined;
    case 'delete_task':
      return before ? { name: 'add_task', arguments: recreate(before) } : undefined;
    case 'update_task': {
      if (!before) return undefined;
      const previous: Record<string, unknown> = { task_id: before.id };
      for (const key of editable) if (key in args) previous[key] = before[key];
      return { name: 'update_task', arguments: previous };
    }
    case 'set_reminder':
      return before
        ? {
            name: 'set_reminder',
            arguments: {
              task_id: before.id,
              reminders: before.reminders.map((r) =>
                r.offset ? { offset: r.offset } : { at: r.at },
              ),
            },
          }
        : undefined;
    case 'set_recurrence':
      return before
        ? {
            name: 'set_recurrence',
            arguments: {
              task_id: before.id,
              recurrence: before.recurrence
                ? { rrule: before.recurrence.rrule, repeat_from: before.recurrence.repeat_from }
                : null,
            },
          }
        : undefined;
    default:
      return undefined;
  }
}
