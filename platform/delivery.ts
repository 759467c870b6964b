import { z } from 'zod';

/**
 * What a subscriber gets from one Kafka message. Subscriptions ask Dapr for the raw payload:
 * without it, a message Dapr cannot read as a CloudEvent (not JSON, or JSON but not an object)
 * never reaches the app, and a `null` one is retried until Dapr gives up. Only the message's own
 * bytes let every malformed message end as a dead letter with its content.
 */
export interface OpenedDelivery {
  /** The candidate event: a CloudEvent's data, or the message itself when it is no CloudEvent. */
  data: unknown;
  /** The CloudEvent id (differs between publishes of the same event), when there is one. */
  cloudEventId: string | undefined;
  /** The message as it was on the topic, parsed when it is JSON: what a dead letter keeps. */
  original: unknown;
}

/** Dapr's wrapper around a raw payload (`rawPayload: true`), or a CloudEvent it passed as is. */
const wrapperSchema = z.looseObject({
  id: z.string().optional(),
  data_base64: z.string().optional(),
  data: z.unknown().optional(),
});

const cloudEventSchema = z.looseObject({
  specversion: z.string(),
  id: z.string().optional(),
  data: z.unknown().optional(),
});

export function openDelivery(body: unknown): OpenedDelivery {
  const wrapper = wrapperSchema.safeParse(body);
  if (!wrapper.success) return { data: undefined, cloudEventId: undefined, original: body };
  if (wrapper.data.data_base64 === undefined) return fromMessage(wrapper.data);
  const text = Buffer.from(wrapper.data.data_base64, 'base64').toString('utf8');
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { data: undefined, cloudEventId: undefined, original: text };
  }
  return fromMessage(message);
}

function fromMessage(message: unknown): OpenedDelivery {
  const cloudEvent = cloudEventSchema.safeParse(message);
  if (cloudEvent.success)
    return { data: cloudEvent.data.data, cloudEventId: cloudEvent.data.id, original: message };
  // A producer outside Dapr may write the event envelope itself.
  return { data: message, cloudEventId: undefined, original: message };
}

/**
 * A bulk delivery (`bulkSubscribe`): several messages of one partition, in order, each answered
 * by its own entryId. With rawPayload an entry's event is the message's bytes in base64.
 */
const bulkEntrySchema = z.looseObject({
  entryId: z.string().min(1),
  event: z.unknown(),
  contentType: z.string().optional(),
});
const bulkBodySchema = z.looseObject({ entries: z.array(bulkEntrySchema) });
export type BulkEntry = z.infer<typeof bulkEntrySchema>;

/** The entries of a bulk delivery, or undefined when the body is a single delivery. */
export function bulkEntries(body: unknown): BulkEntry[] | undefined {
  const bulk = bulkBodySchema.safeParse(body);
  return bulk.success ? bulk.data.entries : undefined;
}

export function openBulkEntry(entry: BulkEntry): OpenedDelivery {
  return typeof entry.event === 'string'
    ? openDelivery({ data_base64: entry.event })
    : openDelivery(entry.event);
}
