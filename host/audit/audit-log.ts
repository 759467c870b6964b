import type { Db } from '../../platform/database/database.ts';
import type { EventEnvelope, Topic } from '../../schemas/events.ts';
import { countEvent } from './user-counters.ts';

/**
 * Appends an event to the audit log, and counts it for its user, in one transaction.
 * Idempotent on event_id: a redelivered event is a no-op, so the log holds each event exactly
 * once however often Kafka delivers it, and is counted once. Returns whether a row was written.
 */
export function recordAuditEvent(db: Db, topic: Topic, event: EventEnvelope): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const written = await appendEvent(trx, topic, event);
    if (written) await countEvent(trx, event);
    return written;
  });
}

async function appendEvent(db: Db, topic: Topic, event: EventEnvelope): Promise<boolean> {
  const result = await db
    .insertInto('audit_log')
    .values({
      event_id: event.event_id,
      event_type: event.event_type,
      topic,
      user_id: event.user_id,
      task_id: event.task_id,
      version: event.version,
      correlation_id: event.correlation_id,
      payload: JSON.stringify(event),
      occurred_at: event.occurred_at,
    })
    .onConflict((conflict) => conflict.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
