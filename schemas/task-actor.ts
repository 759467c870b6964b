import { z } from 'zod';
import { snoozeInputSchema } from './snooze.ts';
import {
  createTaskInputSchema,
  seriesScopeSchema,
  taskSchema,
  updateTaskInputSchema,
  userIdSchema,
} from './task.ts';

/**
 * The TaskActor's call contract: what callers may send and what comes back. The gateway
 * knows this, never the actor's implementation.
 */
export const TASK_ACTOR_TYPE = 'TaskActor';

/** The most next occurrences one call computes: each is a bounded walk of the rule. */
export const MAX_UPCOMING_OCCURRENCES = 20;

/** Every call says who is calling; the actor checks ownership itself. */
export const callerSchema = z.object({
  user_id: userIdSchema,
  correlation_id: z.string().min(1).max(200),
});
export type Caller = z.infer<typeof callerSchema>;

/** Optimistic concurrency: when given, the command applies only at this version. */
const expectedVersion = z.number().int().positive().optional();

export const taskActorCalls = {
  create: z.object({ caller: callerSchema, input: createTaskInputSchema }),
  get: z.object({ caller: callerSchema }),
  update: z.object({
    caller: callerSchema,
    patch: updateTaskInputSchema,
    expected_version: expectedVersion,
    /** For a task of a series; an edit carries into later occurrences unless told otherwise. */
    scope: seriesScopeSchema.default('series'),
  }),
  complete: z.object({ caller: callerSchema, expected_version: expectedVersion }),
  reopen: z.object({ caller: callerSchema, expected_version: expectedVersion }),
  /** For a task of a series; a delete removes only this occurrence unless told otherwise. */
  delete: z.object({
    caller: callerSchema,
    expected_version: expectedVersion,
    scope: seriesScopeSchema.default('occurrence'),
  }),
  /** Closes an occurrence of a series as skipped and advances the series. */
  skip: z.object({ caller: callerSchema, expected_version: expectedVersion }),
  /** For the inspector: the actor's state as stored, its scheduler reminders, pending effects. */
  inspect: z.object({ caller: callerSchema }),
  /** The due instants of the next occurrences of the task's series (none for a one-off task). */
  occurrences: z.object({
    caller: callerSchema,
    count: z.number().int().min(1).max(MAX_UPCOMING_OCCURRENCES),
  }),
  /** Actor to actor: the completed occurrence asks its successor to exist. Idempotent. */
  createOccurrence: z.object({
    caller: callerSchema,
    parent: taskSchema,
    due_at: z.string(),
    occurrence_index: z.number().int().positive(),
  }),
  /**
   * From the pending-effects sweeper (host/actor-host/pending-effects.ts): finish what a crashed
   * turn saved but did not do. Changes no state of its own; idempotent like every effect.
   */
  settle: z.object({}),
  /**
   * Fire a reminder (again) once at a later time. `firing` (the `fired_at` a mailed link was
   * signed for) makes it apply only to that firing: a link from an older mail cannot snooze a
   * later one.
   */
  snoozeReminder: z.object({
    caller: callerSchema,
    reminder_id: z.string().min(1).max(200),
    snooze: snoozeInputSchema,
    firing: z.string().min(1).max(100).optional(),
  }),
} as const;
export type TaskActorMethod = keyof typeof taskActorCalls;
export type TaskActorCall<M extends TaskActorMethod> = z.input<(typeof taskActorCalls)[M]>;

export const domainErrorCodeSchema = z.enum([
  /**
   * The call failed its schema (actors/invalid-call.ts): a bug of the caller, which the gateway
   * answers as `internal_error`, never in the call's own words.
   */
  'invalid_call',
  'task_not_found',
  'task_exists',
  'validation_failed',
  'recurrence_never_occurs',
  'version_conflict',
  'user_unavailable',
  /** Skipping is for occurrences of a series. */
  'task_not_recurring',
  /** Only an open task can be skipped. */
  'task_not_open',
  'reminder_not_found',
  'task_completed',
  'task_deleted',
  'snooze_link_superseded',
]);
export type DomainErrorCode = z.infer<typeof domainErrorCodeSchema>;

export const domainErrorSchema = z.object({
  code: domainErrorCodeSchema,
  message: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type DomainError = z.infer<typeof domainErrorSchema>;

/** Domain failures are values, not exceptions: they cross the actor boundary intact. */
export const taskActorResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), task: taskSchema }),
  z.object({ ok: z.literal(false), error: domainErrorSchema }),
]);
export type TaskActorResult = z.infer<typeof taskActorResultSchema>;

export const taskInspectionResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    task: taskSchema,
    deleted_at: z.string().nullable(),
    pending_effects: z.array(z.object({ kind: z.string() }).loose()),
    /** Reminders as the Dapr scheduler holds them, by name. */
    scheduled_reminders: z.array(z.object({ name: z.string(), reminder: z.unknown() })),
  }),
  z.object({ ok: z.literal(false), error: domainErrorSchema }),
]);
export type TaskInspectionResult = z.infer<typeof taskInspectionResultSchema>;

/**
 * The next occurrences after this one. `projected`: the series repeats from completion, so the
 * dates assume each occurrence is completed when it falls due.
 */
export const taskOccurrencesSchema = z.object({
  task_id: z.string(),
  repeat_from: z.enum(['due', 'completion']).nullable(),
  projected: z.boolean(),
  occurrences: z.array(z.object({ due_at: z.string() })),
});
export type TaskOccurrences = z.infer<typeof taskOccurrencesSchema>;

export const taskOccurrencesResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: taskOccurrencesSchema }),
  z.object({ ok: z.literal(false), error: domainErrorSchema }),
]);
export type TaskOccurrencesResult = z.infer<typeof taskOccurrencesResultSchema>;
