/**
 * Audit worker: every event of task-events and reminders into the append-only audit_log, and
 * every dead letter into dead_letters (for inspection and replay).
 */
import { runEventWorker } from '../platform/event-worker.ts';
import type { EventSubscription } from '../platform/pubsub.ts';
import { deadLetterSchema } from '../schemas/dead-letter.ts';
import { topics } from '../schemas/events.ts';
import { recordAuditEvent } from './audit/audit-log.ts';

await runEventWorker('audit worker', ({ db, logger }) => [
  ...[topics.taskEvents, topics.reminders].map((topic): EventSubscription => ({
    topic,
    handle: async (event, delivery) => {
      const written = await recordAuditEvent(db, delivery.topic, event);
      logger.debug('audit event', { event_id: event.event_id, written });
    },
  })),
  {
    topic: topics.deadLetters,
    raw: true as const,
    handle: async (data: unknown) => {
      // Ours carry the reason; Dapr's own fallback forwards the original event alone.
      const letter = deadLetterSchema.safeParse(data);
      await db
        .insertInto('dead_letters')
        .values({
          reason: letter.success ? letter.data.reason : 'retries_exhausted',
          topic: letter.success ? letter.data.topic : null,
          subscriber: letter.success ? letter.data.subscriber : null,
          error: letter.success ? letter.data.error : null,
          // jsonb cannot hold NUL characters, and a dead letter may be poisoned by exactly that.
          payload: JSON.stringify(data ?? null).replace(
            /(?<!\\)((?:\\\\)*)\\u0000/g,
            '$1\\\\u0000',
          ),
        })
        .execute();
    },
  },
]);
