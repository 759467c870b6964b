import { z } from 'zod';
import { reminderSchema } from './reminder.ts';
import { seriesScopeSchema, taskSchema } from './task.ts';

export const SCHEMA_VERSION = '1.0';

export const topics = {
  taskEvents: 'task-events',
  reminders: 'reminders',
  deadLetters: 'dlq-events',
} as const;
export type Topic = (typeof topics)[keyof typeof topics];

export const PUBSUB_NAME = 'pubsub';

/** Data of each event type. Adding a type here makes it publishable and consumable. */
export const nextOccurrenceSchema = z.object({
  task_id: z.string(),
  due_at: z.string(),
  occurrence_index: z.number().int().positive(),
});
export type NextOccurrence = z.infer<typeof nextOccurrenceSchema>;

export const eventDataSchemas = {
  'task.created': z.object({ task: taskSchema }),
  /** `scope` is given for a task of a series: `series` carries the change to later occurrences. */
  'task.updated': z.object({
    task: taskSchema,
    changed: z.array(z.string()),
    scope: seriesScopeSchema.optional(),
  }),
  'task.completed': z.object({ task: taskSchema, next: nextOccurrenceSchema.nullable() }),
  'task.reopened': z.object({ task: taskSchema }),
  /**
   * For a task of a series, `scope` says whether the series goes on (`occurrence`; `next` is the
   * occurrence that carries it on, null when it already had one or has ended) or ends here
   * (`series`: later occurrences are deleted too).
   */
  'task.deleted': z.object({
    task: taskSchema,
    scope: seriesScopeSchema.optional(),
    next: nextOccurrenceSchema.nullable().optional(),
  }),
  'task.occurrence_created': z.object({ task: taskSchema }),
  /**
   * An occurrence of a `repeat_from: due` series reached its due time still open and stays open
   * (`missed: keep`): the series moved on to `next` (null: the series has ended).
   */
  'task.series_advanced': z.object({ task: taskSchema, next: nextOccurrenceSchema.nullable() }),
  /**
   * An occurrence closed as skipped, and the series moved on to `next` (null: ended).
   * `reason`: `requested` (POST /tasks/{id}/skip) or `missed` (due time passed, `missed: skip`).
   */
  'task.skipped': z.object({
    task: taskSchema,
    next: nextOccurrenceSchema.nullable(),
    reason: z.enum(['requested', 'missed']),
  }),
  'reminder.due': z.object({ task: taskSchema, reminder: reminderSchema }),
  /** The reminder (with its new `snoozed_until`) fires once more then; the task is not versioned. */
  'reminder.snoozed': z.object({ task: taskSchema, reminder: reminderSchema }),
} as const;

/**
 * The one topic each event type is published to. Browsers get the same events: realtime reads
 * task-events and reminders itself (no copy on a topic of their own, see ARCHITECTURE.md).
 */
export const topicOfEvent = {
  'task.created': topics.taskEvents,
  'task.updated': topics.taskEvents,
  'task.completed': topics.taskEvents,
  'task.reopened': topics.taskEvents,
  'task.deleted': topics.taskEvents,
  'task.occurrence_created': topics.taskEvents,
  'task.series_advanced': topics.taskEvents,
  'task.skipped': topics.taskEvents,
  'reminder.due': topics.reminders,
  'reminder.snoozed': topics.reminders,
} as const satisfies Record<keyof typeof eventDataSchemas, Topic>;
export type EventType = keyof typeof eventDataSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;

const envelopeShape = {
  event_id: z.uuid(),
  schema_version: z.literal(SCHEMA_VERSION),
  event_type: z.string().min(1),
  occurred_at: z.iso.datetime({ offset: true }),
  user_id: z.string().min(1),
  task_id: z.string().min(1),
  version: z.number().int().positive(),
  correlation_id: z.string().min(1),
  data: z.unknown(),
};

/**
 * The envelope every event travels in. Consumers ignore fields they do not know (loose), so
 * producers can add fields without breaking them; a breaking change bumps schema_version.
 */
export const eventEnvelopeSchema = z.looseObject(envelopeShape);
export type EventEnvelope = z.infer<ReturnType<typeof z.object<typeof envelopeShape>>>;

/** An envelope whose data matches its type; for a union of types, a union to narrow on event_type. */
export type TypedEnvelope<T extends EventType> = T extends EventType
  ? Omit<EventEnvelope, 'event_type' | 'data'> & { event_type: T; data: EventData<T> }
  : never;

/** An envelope whose type is known and whose data matches that type. */
export function parseKnownEvent(
  input: unknown,
): { ok: true; event: TypedEnvelope<EventType> } | { ok: false; error: string } {
  const envelope = eventEnvelopeSchema.safeParse(input);
  if (!envelope.success) return { ok: false, error: z.prettifyError(envelope.error) };
  const type = envelope.data.event_type;
  if (!(type in eventDataSchemas)) return { ok: false, error: `unknown event_type ${type}` };
  const data = eventDataSchemas[type as EventType].safeParse(envelope.data.data);
  if (!data.success) return { ok: false, error: z.prettifyError(data.error) };
  // The data was validated by the schema of exactly this type, so the pair is consistent.
  return {
    ok: true,
    event: { ...envelope.data, event_type: type, data: data.data } as TypedEnvelope<EventType>,
  };
}
