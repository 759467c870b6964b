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
import type { BulkSubscribeSettings } from './config.ts';
import type { DaprClientHttp } from './dapr.ts';
import { bulkEntries, openBulkEntry, openDelivery, type OpenedDelivery } from './delivery.ts';
import type { Logger } from './logger.ts';
import { prometheus, registry } from './metrics.ts';
import { runWithContext } from './request-context.ts';

export interface Delivery {
  topic: Topic;
  /** The CloudEvent id Dapr gave this delivery (differs from event_id on re-publish). */
  cloudEventId: string | undefined;
}

type Event = TypedEnvelope<EventType>;

export type EventSubscription =
  | {
      topic: Topic;
      raw?: false;
      handle: (event: Event, delivery: Delivery) => Promise<void>;
      /**
       * The events of one bulk delivery at once, all or nothing (one transaction, one emit per
       * user): declaring it makes the subscription a bulk subscription. When it throws, the
       * router hands the same events to `handle` one by one, so only a failing event fails.
       * Both must be idempotent: a redelivered batch changes nothing.
       */
      handleBatch?: (events: Event[], deliveries: Delivery[]) => Promise<void>;
    }
  /** Raw subscriptions get the CloudEvent's data unvalidated (the dead-letter topic carries anything). */
  | { topic: Topic; raw: true; handle: (data: unknown, delivery: Delivery) => Promise<void> };

/** Dapr's answer to a delivery: SUCCESS acks, RETRY redelivers, DROP discards. */
export type DeliveryStatus = 'SUCCESS' | 'RETRY' | 'DROP';

/** Attempts before a failing message is dead-lettered (Dapr's own policy allows one more). */
export const MAX_ATTEMPTS = 5;

const deliveries = new prometheus.Counter({
  name: 'pubsub_deliveries_total',
  help: 'Messages delivered to this process, by topic and outcome',
  labelNames: ['topic', 'outcome'] as const,
  registers: [registry],
});
const batchSize = new prometheus.Histogram({
  name: 'pubsub_batch_size',
  help: 'Valid messages per delivery, by how they were handled: batch (at once), fallback (one by one after the batch failed), single',
  labelNames: ['topic', 'mode'] as const,
  buckets: [1, 2, 5, 10, 20, 50, 100],
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

interface RouterDeps {
  logger: Logger;
  dapr: DaprClientHttp;
  attempts: AttemptCounter;
  subscriber: string;
}

/**
 * Programmatic Dapr subscriptions on an express app. Written here rather than taken from the
 * JS SDK because the SDK acknowledges a throwing handler as success; this router never acks a
 * failure. A handler error answers RETRY (Dapr's resiliency policy backs off); after
 * MAX_ATTEMPTS the message goes to dlq-events with the error and is acked, so the partition keeps
 * flowing. An event that does not match its schema goes to dlq-events at once: no retry can fix it.
 * A bulk delivery gets the same rules per entry: Dapr retries only the entries answered RETRY.
 */
export function mountSubscriptions(
  app: Express,
  subscriptions: EventSubscription[],
  deps: {
    logger: Logger;
    dapr: DaprClientHttp;
    subscriber?: string;
    /** Bulk delivery for the subscriptions with a batch handler; without it, one by one. */
    bulkSubscribe?: BulkSubscribeSettings;
  },
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
        ...(!subscription.raw && subscription.handleBatch && deps.bulkSubscribe
          ? { bulkSubscribe: { enabled: true, ...deps.bulkSubscribe } }
          : {}),
      })),
    );
  });

  const router: RouterDeps = {
    logger: deps.logger,
    dapr: deps.dapr,
    attempts: new AttemptCounter(),
    subscriber: deps.subscriber ?? process.env.APP_ID ?? 'unknown',
  };
  const body = express.json({
    type: ['application/json', 'application/cloudevents+json'],
    // A bulk delivery carries up to maxMessagesCount messages, base64 encoded.
    limit: '16mb',
    strict: false,
  });
  for (const subscription of subscriptions) {
    app.post(routeOf(subscription.topic), body, async (request, response) => {
      const entries = bulkEntries(request.body);
      if (entries) {
        const statuses = await deliverBatch(subscription, entries.map(openBulkEntry), router);
        statuses.forEach((status) =>
          deliveries.inc({ topic: subscription.topic, outcome: status }),
        );
        response.status(200).json({
          statuses: entries.map((entry, index) => ({
            entryId: entry.entryId,
            status: statuses[index],
          })),
        });
        return;
      }
      const [status] = await deliverBatch(subscription, [openDelivery(request.body)], router);
      deliveries.inc({ topic: subscription.topic, outcome: status! });
      response.status(200).json({ status });
    });
  }
  // A body Dapr sent that does not parse: redelivery (a bulk answer without statuses is RETRY for
  // every entry), and Dapr's dead-lettering once it gives up.
  app.use('/events', ((error, _request, response, next) => {
    if (response.headersSent) return next(error);
    deps.logger.error('unreadable delivery, asking for redelivery', { error });
    response.status(200).json({ status: 'RETRY' satisfies DeliveryStatus });
  }) as ErrorRequestHandler);
}

interface Received {
  event: Event;
  delivery: Delivery;
  /** The message as it was on the topic: what a dead letter keeps. */
  original: unknown;
  index: number;
}

/**
 * The status of each message of a delivery, in order. Each is validated alone; the valid ones go
 * to the batch handler together, and when that fails (or there is none) to `handle` one by one,
 * in order, so that a poison message fails alone and the others are acked.
 */
async function deliverBatch(
  subscription: EventSubscription,
  messages: OpenedDelivery[],
  deps: RouterDeps,
): Promise<DeliveryStatus[]> {
  const statuses: DeliveryStatus[] = [];
  const valid: Received[] = [];
  for (const [index, { data, cloudEventId, original }] of messages.entries()) {
    const delivery: Delivery = { topic: subscription.topic, cloudEventId };
    if (subscription.raw) {
      // Bytes that are not JSON are handed over as the text they are.
      statuses[index] = await handleRaw(
        subscription,
        data === undefined ? original : data,
        delivery,
        deps,
      );
      continue;
    }
    const parsed = parseKnownEvent(data);
    if (!parsed.ok) {
      statuses[index] = await deadLetter(
        delivery,
        original,
        'schema_mismatch',
        parsed.error,
        0,
        deps,
      );
      continue;
    }
    valid.push({ event: parsed.event, delivery, original, index });
  }
  if (subscription.raw || valid.length === 0) return statuses;

  let mode: 'single' | 'fallback' = 'single';
  if (subscription.handleBatch && valid.length > 1) {
    try {
      await subscription.handleBatch(
        valid.map((message) => message.event),
        valid.map((message) => message.delivery),
      );
      batchSize.observe({ topic: subscription.topic, mode: 'batch' }, valid.length);
      for (const message of valid) statuses[message.index] = handled(message, deps);
      return statuses;
    } catch (error) {
      deps.logger.warn('batch handler failed, handling its events one by one', {
        error,
        topic: subscription.topic,
        events: valid.length,
      });
      mode = 'fallback';
    }
  }
  batchSize.observe({ topic: subscription.topic, mode }, valid.length);
  for (const message of valid) {
    const { event, delivery } = message;
    statuses[message.index] = await runWithContext(
      { correlationId: event.correlation_id, userId: event.user_id },
      async () => {
        try {
          await subscription.handle(event, delivery);
          return handled(message, deps);
        } catch (error) {
          return failed(message, error, deps);
        }
      },
    );
  }
  return statuses;
}

const attemptKey = ({ event, delivery }: Received) =>
  `${delivery.topic}:${event.event_id}:${delivery.cloudEventId ?? ''}`;

function handled(message: Received, { attempts, logger }: RouterDeps): DeliveryStatus {
  const { event, delivery } = message;
  attempts.forget(attemptKey(message));
  runWithContext({ correlationId: event.correlation_id, userId: event.user_id }, () =>
    logger.info('event handled', {
      topic: delivery.topic,
      event_type: event.event_type,
      event_id: event.event_id,
      version: event.version,
    }),
  );
  eventAge.observe({ topic: delivery.topic }, (Date.now() - Date.parse(event.occurred_at)) / 1000);
  return 'SUCCESS';
}

async function failed(
  message: Received,
  error: unknown,
  deps: RouterDeps,
): Promise<DeliveryStatus> {
  const { event, delivery, original } = message;
  const key = attemptKey(message);
  const tries = deps.attempts.fail(key);
  const text = error instanceof Error ? error.message : String(error);
  if (tries >= MAX_ATTEMPTS) {
    deps.attempts.forget(key);
    return deadLetter(delivery, original, 'handler_failed', text, tries, deps);
  }
  deps.logger.warn('event handler failed, asking for redelivery', {
    error,
    attempt: tries,
    topic: delivery.topic,
    event_id: event.event_id,
    event_type: event.event_type,
  });
  return 'RETRY';
}

async function handleRaw(
  subscription: Extract<EventSubscription, { raw: true }>,
  data: unknown,
  delivery: Delivery,
  { logger }: RouterDeps,
): Promise<DeliveryStatus> {
  try {
    await subscription.handle(data, delivery);
    return 'SUCCESS';
  } catch (error) {
    logger.error('raw handler failed, asking for redelivery', { error, topic: delivery.topic });
    return 'RETRY';
  }
}

/** Publishes the message to dlq-events with why it failed, and acks it; RETRY if that fails. */
async function deadLetter(
  delivery: Delivery,
  original: unknown,
  reason: DeadLetter['reason'],
  error: string,
  tries: number,
  { dapr, logger, subscriber }: RouterDeps,
): Promise<DeliveryStatus> {
  const letter: DeadLetter = {
    dead_letter_id: randomUUID(),
    reason,
    error,
    topic: delivery.topic,
    subscriber,
    attempts: tries,
    failed_at: new Date().toISOString(),
    original,
  };
  try {
    await dapr.publish(PUBSUB_NAME, topics.deadLetters, letter);
    logger.warn('message dead-lettered', { topic: delivery.topic, reason, error, attempts: tries });
    return 'SUCCESS';
  } catch (publishError) {
    logger.error('dead-lettering failed, asking for redelivery', { error: publishError });
    return 'RETRY';
  }
}
