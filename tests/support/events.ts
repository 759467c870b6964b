import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '../../schemas/events.ts';
import type { RawMessage } from './kafka.ts';

/** Our envelope inside Dapr's CloudEvent. */
export const envelopeOf = (message: RawMessage): EventEnvelope =>
  (JSON.parse(message.value) as { data: EventEnvelope }).data;

export const eventsFor = (messages: RawMessage[], taskId: string): EventEnvelope[] =>
  messages.filter((message) => message.key === taskId).map(envelopeOf);

/**
 * The body daprd posts to a subscriber for `event` (subscriptions take the raw payload): the
 * CloudEvent Dapr published, as the bytes on Kafka, base64 in a wrapper of Dapr's.
 */
export function daprDelivery(event: unknown): Record<string, unknown> {
  const cloudEvent = {
    specversion: '1.0',
    id: randomUUID(),
    datacontenttype: 'application/json',
    data: event,
  };
  return {
    specversion: '1.0',
    id: randomUUID(),
    datacontenttype: 'application/octet-stream',
    data_base64: Buffer.from(JSON.stringify(cloudEvent)).toString('base64'),
  };
}
