import { topicOfEvent, topics, type EventEnvelope } from '../../schemas/events.ts';
import type { Effect } from '../effects.ts';
import type { TaskEvent } from './task-events.ts';

/**
 * The effects of one event: its publication (to its topic, and to task-updates for browsers),
 * the next occurrence of a completed recurring task.
 */
export function effectsOf(event: TaskEvent, published: EventEnvelope): Effect[] {
  const taskId = event.data.task.id;
  const effects: Effect[] = [
    { kind: 'publish', topic: topicOfEvent[event.type], partitionKey: taskId, envelope: published },
    { kind: 'publish', topic: topics.taskUpdates, partitionKey: taskId, envelope: published },
  ];
  if (event.type === 'task.completed' && event.data.next) {
    effects.push({
      kind: 'create_occurrence',
      taskId: event.data.next.task_id,
      dueAt: event.data.next.due_at,
      occurrenceIndex: event.data.next.occurrence_index,
      parent: event.data.task,
    });
  }
  return effects;
}
