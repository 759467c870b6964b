import {
  eventEnvelopeSchema,
  topicOfEvent,
  type EventType,
  type Topic,
} from '../../schemas/events.ts';

/** A stored dead letter, and what replaying it means: which event goes back to which topic. */
export type ReplayPlan =
  { ok: true; topic: Topic; event: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Pure: finds the original event in a dead letter. Ours carry the message the subscriber got
 * (a CloudEvent whose data is the event, or the event itself from a producer outside Dapr) and
 * the topic; Dapr's own fallback stored the event alone, and its topic follows from the event type.
 */
export function planReplay(row: {
  reason: string | null;
  topic: string | null;
  payload: unknown;
}): ReplayPlan {
  if (row.reason === 'schema_mismatch')
    return { ok: false, reason: 'the event breaks its contract: fix the producer instead' };
  const payload = row.payload as { original?: { data?: unknown } } | null;
  const event = [payload?.original?.data, payload?.original, payload]
    .map((candidate) => eventEnvelopeSchema.safeParse(candidate))
    .find((parsed) => parsed.success);
  if (!event?.data) return { ok: false, reason: 'no event envelope in the dead letter' };
  const topic = (row.topic ?? topicOfEvent[event.data.event_type as EventType]) as
    Topic | undefined;
  if (!topic) return { ok: false, reason: `no topic for ${event.data.event_type}` };
  return { ok: true, topic, event: event.data };
}
