/**
 * Audit worker: every event of task-events and reminders into the append-only audit_log, and
 * every dead letter into dead_letters (for inspection and replay).
 */
import { appDatabase } from '../../db/database.ts';
import { runEventWorker } from '../../platform/event-worker.ts';
import type { EventSubscription } from '../../platform/pubsub.ts';
import { topics } from '../../schemas/events.ts';
import { recordAuditEvents } from './audit-log.ts';
import { recordDeadLetter } from './dead-letters.ts';

await runEventWorker('audit worker', appDatabase, ({ db, logger }) => [
  ...[topics.taskEvents, topics.reminders].map((topic): EventSubscription => ({
    topic,
    handle: async (event) => {
      const written = await recordAuditEvents(db, [{ topic, event }]);
      logger.debug('audit event', { event_id: event.event_id, written: written > 0 });
    },
    handleBatch: async (events) => {
      const written = await recordAuditEvents(
        db,
        events.map((event) => ({ topic, event })),
      );
      logger.debug('audit batch', { events: events.length, written });
    },
  })),
  {
    topic: topics.deadLetters,
    raw: true as const,
    handle: (data: unknown) => recordDeadLetter(db, data),
  },
]);
