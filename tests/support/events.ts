import type { EventEnvelope } from '../../schemas/events.ts';
import type { RawMessage } from './kafka.ts';

/** Our envelope inside Dapr's CloudEvent. */
export const envelopeOf = (message: RawMessage): EventEnvelope =>
  (JSON.parse(message.value) as { data: EventEnvelope }).data;

export const eventsFor = (messages: RawMessage[], taskId: string): EventEnvelope[] =>
  messages.filter((message) => message.key === taskId).map(envelopeOf);
