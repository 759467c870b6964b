import type { Db } from '../../db/database.ts';
import type { EventEnvelope, Topic } from '../../schemas/events.ts';
import { countEvents } from './user-counters.ts';

export interface AuditedEvent {
  topic: Topic;
  event: EventEnvelope;
}

/**
 * Appends events to the audit log, and counts them for their users, in one transaction: one
 * insert for the whole batch, one upsert of the counters. Idempotent on event_id: a redelivered
 * event (or batch) is a no-op, so the log holds each event exactly once however often Kafka
 * delivers it, and is counted once. Returns how many rows were written.
 */
export function recordAuditEvents(db: Db, audited: AuditedEvent[]): Promise<number> {
  if (audited.length === 0) return Promise.resolve(0);
  return db.transaction().execute(async (trx) => {
    const written = await trx
      .insertInto('audit_log')
      .values(
        audited.map(({ topic, event }) => ({
          event_id: event.event_id,
          event_type: event.event_type,
          topic,
          user_id: event.user_id,
          task_id: event.task_id,
          version: event.version,
          correlation_id: event.correlation_id,
          payload: JSON.stringify(event),
          occurred_at: event.occurred_at,
        })),
      )
      .onConflict((conflict) => conflict.column('event_id').doNothing())
      .returning(['event_type', 'user_id'])
      .execute();
    await countEvents(trx, written);
    return written.length;
  });
}
