import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { DeadLetter } from '../schemas/dead-letter.ts';
import {
  parseKnownEvent,
  PUBSUB_NAME,
  topics,
  type EventType,
  type Topic,
  type TypedEnvelope,
} from '../schemas/events.ts';
import type { DaprClientHttp } from './dapr.ts';
import { openDelivery } from './delivery.ts';
import type { Logger } from './logger.ts';
import { prometheus, registry } from './metrics.ts';
import { runWithContext } from './request-context.ts';

export interface Delivery {
  topic: Topic;
  /** The CloudEvent id Dapr gave this delivery (differs from event_id on re-publish). */
  cloudEventId: string | undefined;
}

export type EventSubscription =
  | {
      topic: Topic;
      raw?: false;
      handle: (event: TypedEnvelope<EventType>, delivery: Delivery) => Promise<void>;
    }
  /** Raw subscriptions get the CloudEvent's data unvalidated (the dead-letter topic carries anything). */
  | { topic: Topic; raw: true; handle: (data: unknown, delivery: Delivery) => Promise<void> };

/** Dapr's answer to a delivery: SUCCESS acks, RETRY redelivers, DROP discards. */
type DeliveryStatus = 'SUCCESS' | 'RETRY' | 'DROP';

/** Attempts before a failing message is dead-lettered (Dapr's own policy allows one more). */
export const MAX_ATTEMPTS = 5;

const deliveries = new prometheus.Counter({
  name: 'pubsub_deliveries_total',
  help: 'Messages delivered to this process, by topic and outcome',
  labelNames: ['topic', 'outcome'] as const,
  registers: [registry],
});
const eventAge = new prometheus.Histogram({
  name: 'pubsub_event_age_seconds',
  help: 'Age of an event (now − occurred_at) when a handler finished with it',
  labelNames: ['topic'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

/** Failed attempts per message, bounded: a restart forgets them, which only means more retries. */
class AttemptCounter {
  private readonly attempts = new Map<string, number>();
  constructor(private readonly limit = 10_000) {}
  fail(key: string): number {
    const count = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.delete(key);
    this.attempts.set(key, count);
    if (this.attempts.size > this.limit) this.attempts.delete(this.attempts.keys().next().value!);
    return count;
  }
  forget(key: string): void {
    this.attempts.delete(key);
  }
}

/**
 * Programmatic Dapr subscriptions on an express app. Written here rather than taken from the
 * JS SDK because the SDK acknowledges a throwing handler as success; this router never acks a
 * failure. A handler error answers RETRY (Dapr's resiliency policy backs off); after
 * MAX_ATTEMPTS the message goes to dlq-events with the error and is acked, so the partition keeps
 * flowing. An event that does not match its schema goes to dlq-events at once: no retry can fix it.
 */
export function mountSubscriptions(
  app: Express,
  subscriptions: EventSubscription[],
  deps: { logger: Logger; dapr: DaprClientHttp; subscriber?: string },
): void {
  const routeOf = (topic: Topic) => `/events/${topic}`;
  app.get('/dapr/subscribe', (_request, response) => {
    response.json(
      subscriptions.map((subscription) => ({
        pubsubname: PUBSUB_NAME,
        topic: subscription.topic,
        route: routeOf(subscription.topic),
        // The message's own bytes: see delivery.ts.
        metadata: { rawPayload: 'true' },
        // Dapr's fallback once its own retries are exhausted; never for the dead-letter topic itself.
        ...(subscription.topic === topics.deadLetters
          ? {}
          : { deadLetterTopic: topics.deadLetters }),
      })),
    );
  });

  const attempts = new AttemptCounter();
  const body = express.json({
    type: ['application/json', 'application/cloudevents+json'],
    limit: '2mb',
    strict: false,
  });
  for (const subscription of subscriptions) {
    app.post(routeOf(subscription.topic), body, async (request, response) => {
      const status = await deliver(subscription, request.body, { ...deps, attempts });
      deliveries.inc({ topic: subscription.topic, outcome: status });
      response.status(200).json({ status });
    });
  }
  // A body Dapr sent that does not parse: redelivery, and Dapr's dead-lettering once it gives up.
  app.use('/events', ((error, _request, response, next) => {
    if (response.headersSent) return next(error);
    deps.logger.error('unreadable delivery, asking for redelivery', { error });
    response.status(200).json({ status: 'RETRY' satisfies DeliveryStatus });
  }) as ErrorRequestHandler);
}

async function deliver(
  subscription: EventSubscription,
  body: unknown,
  {
    logger,
    dapr,
    attempts,
    subscriber = process.env.APP_ID ?? 'unknown',
  }: { logger: Logger; dapr: DaprClientHttp; attempts: AttemptCounter; subscriber?: string },
): Promise<DeliveryStatus> {
  const { data, cloudEventId, original } = openDelivery(body);
  const delivery: Delivery = { topic: subscription.topic, cloudEventId };
  const deadLetter = async (
    reason: DeadLetter['reason'],
    error: string,
    tries: number,
  ): Promise<DeliveryStatus> => {
    const letter: DeadLetter = {
      dead_letter_id: randomUUID(),
      reason,
      error,
      topic: subscription.topic,
      subscriber,
      attempts: tries,
      failed_at: new Date().toISOString(),
      original,
    };
    try {
      await dapr.publish(PUBSUB_NAME, topics.deadLetters, letter);
      logger.warn('message dead-lettered', {
        topic: subscription.topic,
        reason,
        error,
        attempts: tries,
      });
      return 'SUCCESS';
    } catch (publishError) {
      logger.error('dead-lettering failed, asking for redelivery', { error: publishError });
      return 'RETRY';
    }
  };

  if (subscription.raw) {
    try {
      // Bytes that are not JSON are handed over as the text they are.
      await subscription.handle(data === undefined ? original : data, delivery);
      return 'SUCCESS';
    } catch (error) {
      logger.error('raw handler failed, asking for redelivery', {
        error,
        topic: subscription.topic,
      });
      return 'RETRY';
    }
  }

  const parsed = parseKnownEvent(data);
  if (!parsed.ok) return deadLetter('schema_mismatch', parsed.error, 0);
  const event = parsed.event;
  const key = `${subscription.topic}:${event.event_id}:${delivery.cloudEventId ?? ''}`;
  return runWithContext(
    { correlationId: event.correlation_id, userId: event.user_id },
    async () => {
      try {
        await subscription.handle(event, delivery);
        attempts.forget(key);
        logger.info('event handled', {
          topic: subscription.topic,
          event_type: event.event_type,
          event_id: event.event_id,
          version: event.version,
        });
        eventAge.observe(
          { topic: subscription.topic },
          (Date.now() - Date.parse(event.occurred_at)) / 1000,
        );
        return 'SUCCESS';
      } catch (error) {
        const tries = attempts.fail(key);
        const message = error instanceof Error ? error.message : String(error);
        if (tries >= MAX_ATTEMPTS) {
          attempts.forget(key);
          return deadLetter('handler_failed', message, tries);
        }
        logger.warn('event handler failed, asking for redelivery', {
          error,
          attempt: tries,
          topic: subscription.topic,
          event_id: event.event_id,
          event_type: event.event_type,
        });
        return 'RETRY';
      }
    },
  );
}
