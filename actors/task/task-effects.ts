import { topicOfEvent, type EventEnvelope } from '../../schemas/events.ts';
import type { Effect } from '../effects.ts';
import { carriedPatch } from './series.ts';
import type { TaskEvent } from './task-events.ts';
import type { TaskState } from './task-state.ts';

/**
 * The effects of one event: its publication (to its topic, the one copy every consumer reads),
 * the next occurrence the series moves on to, and an edit or delete of the whole series carried
 * on to the occurrence it had moved on to already (`before`: the state before the event).
 */
export function effectsOf(
  event: TaskEvent,
  published: EventEnvelope,
  before?: TaskState,
): Effect[] {
  const taskId = event.data.task.id;
  const effects: Effect[] = [
    { kind: 'publish', topic: topicOfEvent[event.type], partitionKey: taskId, envelope: published },
  ];
  const next = 'next' in event.data ? event.data.next : undefined;
  if (next) {
    effects.push({
      kind: 'create_occurrence',
      taskId: next.task_id,
      dueAt: next.due_at,
      occurrenceIndex: next.occurrence_index,
      parent: event.data.task,
    });
  }
  const later = before?.advanced_to;
  const call = later && 'scope' in event.data && event.data.scope === 'series' && seriesCall(event);
  if (later && call)
    effects.push({
      kind: 'series_call',
      taskId: later.task_id,
      userId: event.data.task.user_id,
      correlationId: published.correlation_id,
      call,
    });
  return effects;
}

type SeriesCall = Extract<Effect, { kind: 'series_call' }>['call'];

/** What an event with scope=series asks of the next occurrence: the same delete, or the edit's carried part. */
function seriesCall(event: TaskEvent): SeriesCall | undefined {
  if (event.type === 'task.deleted') return { method: 'delete' };
  if (event.type !== 'task.updated') return undefined;
  const patch = carriedPatch(event.data.task, event.data.changed);
  return patch && { method: 'update', patch };
}
