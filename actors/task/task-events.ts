import type { EventData, EventType } from '../../schemas/events.ts';

/** A domain event before it is wrapped in an envelope. */
export type TaskEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];
