import { z } from 'zod';
import { createTaskInputSchema, taskSchema, userIdSchema } from './task.ts';

/**
 * The TaskActor's call contract: what the gateway may send and what comes back. The gateway
 * knows this, never the actor's implementation.
 */
export const TASK_ACTOR_TYPE = 'TaskActor';

/** Every call says who is calling; the actor checks ownership itself. */
export const callerSchema = z.object({
  user_id: userIdSchema,
  correlation_id: z.string().min(1).max(200),
});
export type Caller = z.infer<typeof callerSchema>;

export const taskActorCalls = {
  create: z.object({ caller: callerSchema, input: createTaskInputSchema }),
  get: z.object({ caller: callerSchema }),
} as const;
export type TaskActorMethod = keyof typeof taskActorCalls;
export type TaskActorCall<M extends TaskActorMethod> = z.input<(typeof taskActorCalls)[M]>;

export const domainErrorCodeSchema = z.enum([
  'task_not_found',
  'task_exists',
  'validation_failed',
  'version_conflict',
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
