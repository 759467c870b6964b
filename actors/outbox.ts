import { SCHEMA_VERSION, type EventEnvelope, type Topic } from '../schemas/events.ts';

/**
 * Events an actor turn produced, saved in the same state transaction as the new state and
 * removed only once the broker acknowledged them: no event is lost between the two.
 */
export interface OutboxEntry {
  topic: Topic;
  partitionKey: string;
  envelope: EventEnvelope;
}

export interface EnvelopeMeta {
  eventId: string;
  occurredAt: string;
  userId: string;
  taskId: string;
  version: number;
  correlationId: string;
}

export function envelope(
  event: { type: string; data: unknown },
  meta: EnvelopeMeta,
): EventEnvelope {
  return {
    event_id: meta.eventId,
    schema_version: SCHEMA_VERSION,
    event_type: event.type,
    occurred_at: meta.occurredAt,
    user_id: meta.userId,
    task_id: meta.taskId,
    version: meta.version,
    correlation_id: meta.correlationId,
    data: event.data,
  };
}

export type Publish = (entry: OutboxEntry) => Promise<void>;

/**
 * Publishes entries in order and stops at the first failure, so a partition never sees a
 * later event of an aggregate before an earlier one. Returns what is still pending.
 */
export async function flushOutbox(
  entries: readonly OutboxEntry[],
  publish: Publish,
): Promise<OutboxEntry[]> {
  for (let index = 0; index < entries.length; index++) {
    try {
      await publish(entries[index]!);
    } catch {
      return entries.slice(index);
    }
  }
  return [];
}
