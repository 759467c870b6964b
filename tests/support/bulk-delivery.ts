import { randomUUID } from 'node:crypto';
import type { AppName } from '../../stack/apps.ts';
import type { StackInfo } from '../../stack/supervisor.ts';
import { PUBSUB_NAME, type Topic } from '../../schemas/events.ts';

/**
 * Publishes messages in one bulk request through the actor host's sidecar (only it may publish
 * the task topics), all with one partition key: one partition, in this order, so the consumers'
 * sidecars can hand them over in one bulk delivery.
 */
export async function bulkPublish(
  stack: Pick<StackInfo, 'apps' | 'mesh'>,
  topic: Topic,
  messages: unknown[],
  partitionKey: string,
): Promise<void> {
  const actors = stack.apps['todo-actors'];
  const response = await fetch(
    `http://127.0.0.1:${actors.daprHttpPort}/v1.0-alpha1/publish/bulk/${PUBSUB_NAME}/${topic}?metadata.partitionKey=${encodeURIComponent(partitionKey)}`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'dapr-api-token': stack.mesh.tokens[actors.appId].dapr,
      },
      body: JSON.stringify(
        messages.map((event) => ({
          entryId: randomUUID(),
          event,
          contentType: 'application/json',
          metadata: { partitionKey },
        })),
      ),
    },
  );
  if (!response.ok)
    throw new Error(`bulk publish failed: ${response.status} ${await response.text()}`);
}

/**
 * The body a sidecar (Dapr 1.18) posts for a bulk subscription with rawPayload: each entry the
 * Kafka message's bytes (here a CloudEvent as Dapr publishes it) in base64, as octet-stream.
 */
export function bulkDeliveryBody(topic: Topic, events: unknown[]) {
  return {
    id: randomUUID(),
    pubsubname: PUBSUB_NAME,
    topic,
    type: 'com.dapr.event.sent.bulk',
    metadata: { pubsubName: PUBSUB_NAME },
    entries: events.map((data, index) => ({
      entryId: String(index),
      contentType: 'application/octet-stream',
      metadata: { __topic: topic },
      event: Buffer.from(
        JSON.stringify({
          specversion: '1.0',
          id: randomUUID(),
          source: 'todo-actors',
          type: 'com.dapr.event.sent',
          datacontenttype: 'application/json',
          pubsubname: PUBSUB_NAME,
          topic,
          data,
        }),
      ).toString('base64'),
    })),
  };
}

/** Posts a delivery to an app's event route as its sidecar does: with the app token. */
export async function deliverAsSidecar(
  stack: Pick<StackInfo, 'apps' | 'mesh'>,
  app: AppName,
  topic: Topic,
  body: unknown,
): Promise<unknown> {
  const target = stack.apps[app];
  const response = await fetch(`http://127.0.0.1:${target.appPort}/events/${topic}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'dapr-api-token': stack.mesh.tokens[target.appId].app,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`delivery refused: ${response.status}`);
  return response.json();
}
