import express, { type Express } from 'express';
import { z } from 'zod';
import {
  parseKnownEvent,
  PUBSUB_NAME,
  topics,
  type EventType,
  type Topic,
  type TypedEnvelope,
} from '../schemas/events.ts';
import type { DaprClientHttp } from './dapr.ts';
import type { Logger } from './logger.ts';
import { runWithContext } from './request-context.ts';

export interface Delivery {
  topic: Topic;
  /** The CloudEvent id Dapr gave this delivery (differs from event_id on re-publish). */
  cloudEventId: string | undefined;
}

export interface EventSubscription {
  topic: Topic;
  handle: (event: TypedEnvelope<EventType>, delivery: Delivery) => Promise<void>;
}

/** Dapr's answer to a delivery: SUCCESS acks, RETRY redelivers, DROP discards. */
type DeliveryStatus = 'SUCCESS' | 'RETRY' | 'DROP';

const cloudEventSchema = z.looseObject({
  id: z.string().optional(),
  data: z.unknown(),
});

/**
 * Programmatic Dapr subscriptions on an express app. Written here rather than taken from the
 * JS SDK because the SDK acknowledges a throwing handler as success; this router never acks a
 * failure: a handler error answers RETRY (Dapr's resiliency policy backs off, then moves the
 * message to the dead-letter topic), and an event that does not match its schema is
 * dead-lettered at once, with the reason, since no retry can fix it.
 */
export function mountSubscriptions(
  app: Express,
  subscriptions: EventSubscription[],
  deps: { logger: Logger; dapr: DaprClientHttp },
): void {
  const routeOf = (topic: Topic) => `/events/${topic}`;
  app.get('/dapr/subscribe', (_request, response) => {
    response.json(
      subscriptions.map((subscription) => ({
        pubsubname: PUBSUB_NAME,
        topic: subscription.topic,
        route: routeOf(subscription.topic),
        deadLetterTopic: topics.deadLetters,
      })),
    );
  });

  const body = express.json({
    type: ['application/json', 'application/cloudevents+json'],
    limit: '1mb',
  });
  for (const subscription of subscriptions) {
    app.post(routeOf(subscription.topic), body, async (request, response) => {
      const status = await deliver(subscription, request.body, deps);
      response.status(200).json({ status });
    });
  }
}

async function deliver(
  subscription: EventSubscription,
  body: unknown,
  { logger, dapr }: { logger: Logger; dapr: DaprClientHttp },
): Promise<DeliveryStatus> {
  const cloudEvent = cloudEventSchema.safeParse(body);
  const parsed = parseKnownEvent(cloudEvent.success ? cloudEvent.data.data : undefined);
  const delivery: Delivery = {
    topic: subscription.topic,
    cloudEventId: cloudEvent.success ? cloudEvent.data.id : undefined,
  };
  if (!parsed.ok) {
    logger.warn('invalid event, dead-lettering', {
      topic: subscription.topic,
      error: parsed.error,
    });
    try {
      await dapr.publish(PUBSUB_NAME, topics.deadLetters, {
        reason: 'schema_mismatch',
        error: parsed.error,
        topic: subscription.topic,
        failed_at: new Date().toISOString(),
        original: body,
      });
      return 'SUCCESS';
    } catch (error) {
      logger.error('dead-lettering failed, asking for redelivery', { error });
      return 'RETRY';
    }
  }
  const event = parsed.event;
  return runWithContext(
    { correlationId: event.correlation_id, userId: event.user_id },
    async () => {
      try {
        await subscription.handle(event, delivery);
        return 'SUCCESS';
      } catch (error) {
        logger.error('event handler failed, asking for redelivery', {
          error,
          topic: subscription.topic,
          event_id: event.event_id,
          event_type: event.event_type,
        });
        return 'RETRY';
      }
    },
  );
}
