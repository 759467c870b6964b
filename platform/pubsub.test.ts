import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeadLetter } from '../schemas/dead-letter.ts';
import { topics, type EventType, type TypedEnvelope } from '../schemas/events.ts';
import { envelopeFor, taskSnapshot } from '../tests/support/fixtures.ts';
import type { DaprClientHttp } from './dapr.ts';
import { createLogger } from './logger.ts';
import { MAX_ATTEMPTS, mountSubscriptions, type EventSubscription } from './pubsub.ts';

type Event = TypedEnvelope<EventType>;

const event = (userId: string) =>
  envelopeFor('task.reopened', taskSnapshot({ id: randomUUID(), user_id: userId })) as Event;

/**
 * A bulk delivery as daprd posts it with rawPayload: each message's bytes in base64, a CloudEvent
 * with the id it was published with (the same on every redelivery).
 */
const bulkOf = (messages: unknown[]) => ({
  id: randomUUID(),
  topic: topics.taskEvents,
  entries: messages.map((data, index) => ({
    entryId: String(index),
    contentType: 'application/octet-stream',
    event: Buffer.from(
      JSON.stringify({
        specversion: '1.0',
        id: `ce-${(data as { event_id: string }).event_id}`,
        data,
      }),
    ).toString('base64'),
  })),
});

const servers: { close: () => void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** A router over one subscription whose handlers fail for a poisoned user, as the database would. */
async function routerWith(options: { batch: boolean; bulk?: boolean }) {
  const published: DeadLetter[] = [];
  const committed: string[] = [];
  const batches: number[] = [];
  const poisoned = (e: Event) => e.user_id.startsWith('poison');
  const subscription: EventSubscription = {
    topic: topics.taskEvents,
    handle: async (e) => {
      if (poisoned(e)) throw new Error('poisoned');
      committed.push(e.event_id);
    },
    ...(options.batch
      ? {
          handleBatch: async (events: Event[]) => {
            batches.push(events.length);
            // All or nothing, as one transaction.
            if (events.some(poisoned)) throw new Error('poisoned batch');
            committed.push(...events.map((e) => e.event_id));
          },
        }
      : {}),
  };
  const app = express();
  mountSubscriptions(app, [subscription], {
    logger: createLogger('test', 'error'),
    dapr: {
      publish: async (_pubsub: string, _topic: string, letter: DeadLetter) => {
        published.push(letter);
      },
    } as unknown as DaprClientHttp,
    subscriber: 'test',
    ...(options.bulk === false
      ? {}
      : { bulkSubscribe: { maxMessagesCount: 100, maxAwaitDurationMs: 20 } }),
  });
  const server = app.listen(0);
  servers.push(server);
  await new Promise((resolveListening) => server.once('listening', resolveListening));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: unknown) =>
    (await (
      await fetch(`${base}/events/${topics.taskEvents}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as unknown;
  const subscribe = async () => (await (await fetch(`${base}/dapr/subscribe`)).json()) as unknown;
  return { post, subscribe, published, committed, batches };
}

const statuses = (...list: string[]) => ({
  statuses: list.map((status, index) => ({ entryId: String(index), status })),
});

describe('bulk deliveries', () => {
  it('asks Dapr for bulk delivery only where a batch handler is declared, and unless turned off', async () => {
    const bulk = await routerWith({ batch: true });
    expect(await bulk.subscribe()).toMatchObject([
      { bulkSubscribe: { enabled: true, maxMessagesCount: 100, maxAwaitDurationMs: 20 } },
    ]);
    for (const single of [
      await routerWith({ batch: false }),
      await routerWith({ batch: true, bulk: false }),
    ])
      expect(await single.subscribe()).toEqual([
        expect.not.objectContaining({ bulkSubscribe: expect.anything() }),
      ]);
  });

  it('hands a valid batch to the batch handler at once and acks every entry', async () => {
    const router = await routerWith({ batch: true });
    const events = [event('a'), event('b'), event('a')];
    expect(await router.post(bulkOf(events))).toEqual(statuses('SUCCESS', 'SUCCESS', 'SUCCESS'));
    expect(router.batches).toEqual([3]);
    expect(router.committed).toEqual(events.map((e) => e.event_id));
  });

  it('a poison event fails alone: the others are acked, a malformed one is dead-lettered at once', async () => {
    const router = await routerWith({ batch: true });
    const [first, poison, last] = [event('a'), event('poison'), event('b')];
    const malformed = { event_id: randomUUID(), note: 'no envelope' };
    expect(await router.post(bulkOf([first, poison, malformed, last]))).toEqual(
      statuses('SUCCESS', 'RETRY', 'SUCCESS', 'SUCCESS'),
    );
    // The failed transaction committed nothing; the events one by one did, in order.
    expect(router.committed).toEqual([first.event_id, last.event_id]);
    expect(router.published).toEqual([
      expect.objectContaining({
        reason: 'schema_mismatch',
        attempts: 0,
        original: expect.objectContaining({ data: malformed }),
      }),
    ]);

    // Dapr redelivers only the entry it was told to retry, until the router dead-letters it.
    for (let attempt = 2; attempt < MAX_ATTEMPTS; attempt++)
      expect(await router.post(bulkOf([poison]))).toEqual(statuses('RETRY'));
    expect(await router.post(bulkOf([poison]))).toEqual(statuses('SUCCESS'));
    expect(router.published[1]).toMatchObject({
      reason: 'handler_failed',
      attempts: MAX_ATTEMPTS,
      error: 'poisoned',
      original: { id: `ce-${poison.event_id}`, data: poison },
    });
    expect(router.committed).toEqual([first.event_id, last.event_id]);
  });

  it('answers a bulk delivery entry by entry without a batch handler, and a single delivery as before', async () => {
    const router = await routerWith({ batch: false });
    const events = [event('a'), event('poison')];
    expect(await router.post(bulkOf(events))).toEqual(statuses('SUCCESS', 'RETRY'));
    expect(await router.post({ specversion: '1.0', id: 'single', data: event('b') })).toEqual({
      status: 'SUCCESS',
    });
    expect(router.committed).toHaveLength(2);
  });
});
