/**
 * Projector: consumes task-events into the task_view read model that list and search read.
 */
import { prometheus, registry } from '../../platform/metrics.ts';
import { appDatabase } from '../../db/database.ts';
import { runEventWorker } from '../../platform/event-worker.ts';
import type { EventType, TypedEnvelope } from '../../schemas/events.ts';
import { topics } from '../../schemas/events.ts';
import { isTaskViewEvent, projectTaskEvents } from './task-view.ts';

const projectionLag = new prometheus.Histogram({
  name: 'projection_lag_seconds',
  help: 'Time from an event occurring to its projection into task_view',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});
const projected = new prometheus.Counter({
  name: 'projection_events_total',
  help: 'Events seen by the projector, by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

await runEventWorker('projector', appDatabase, ({ db }) => {
  /** One statement for the whole batch; a single event is a batch of one. */
  const project = async (events: TypedEnvelope<EventType>[]) => {
    const taskEvents = events.filter(isTaskViewEvent);
    const changed = await projectTaskEvents(db, taskEvents);
    projected.inc({ outcome: 'applied' }, changed);
    projected.inc({ outcome: 'stale' }, taskEvents.length - changed);
    const now = Date.now();
    for (const event of taskEvents)
      projectionLag.observe((now - Date.parse(event.occurred_at)) / 1000);
  };
  return [
    {
      topic: topics.taskEvents,
      handle: (event) => project([event]),
      handleBatch: (events) => project(events),
    },
  ];
});
