/**
 * Audit worker: consumes events into the append-only audit_log table.
 */
import { runEventWorker } from '../platform/event-worker.ts';
import { topics } from '../schemas/events.ts';
import { recordAuditEvent } from './audit/audit-log.ts';

await runEventWorker('audit worker', ({ db, logger }) => [
  {
    topic: topics.taskEvents,
    handle: async (event, delivery) => {
      const written = await recordAuditEvent(db, delivery.topic, event);
      logger.debug('audit event', { event_id: event.event_id, written });
    },
  },
]);
