import { z } from 'zod';
import { callerSchema, domainErrorSchema, TASK_ACTOR_TYPE } from './task-actor.ts';
import { USER_ACTOR_TYPE } from './user.ts';

/**
 * Actor inspection for operators (docs/SECURITY.md, "Operators"): read-only views of any actor
 * and of the actor hosts. The role is granted by configuration only; the gateway checks it on
 * every request and writes every access to the audit log.
 */

/** The actor types an operator may inspect. */
export const inspectableActorTypeSchema = z.enum([TASK_ACTOR_TYPE, USER_ACTOR_TYPE]);
export type InspectableActorType = z.infer<typeof inspectableActorTypeSchema>;

/**
 * The actor method behind the operator view. It checks no owner, so only the gateway's operator
 * route calls it: the clients of the user routes cannot name it (it is in neither actor's
 * public call contract, schemas/task-actor.ts and schemas/user.ts).
 */
export const OPERATOR_INSPECT_METHOD = 'operatorInspect';

/** The call names the operator (for the actor host's log); the actor trusts the gateway's check. */
export const operatorInspectCallSchema = z.object({ operator: callerSchema });
export type OperatorInspectCall = z.input<typeof operatorInspectCallSchema>;

/** Which actor host process answered: the one placement put the actor on. */
export const actorHostSchema = z.object({
  /** The replica: its pod name in Kubernetes, the supervisor's app name locally. */
  instance: z.string(),
  app_id: z.string(),
});
export type ActorHost = z.infer<typeof actorHostSchema>;

/** An effect a turn saved and has not finished yet: what it is, never its payload. */
export const pendingEffectSummarySchema = z.object({ kind: z.string() }).loose();

/** A reminder as the Dapr scheduler holds it (null: registered by the actor, not found there). */
export const scheduledReminderSchema = z.object({ name: z.string(), reminder: z.unknown() });

export const operatorInspectionSchema = z.object({
  host: actorHostSchema,
  /** The actor's state as stored; null when it has none (never created). */
  state: z.record(z.string(), z.unknown()).nullable(),
  scheduled_reminders: z.array(scheduledReminderSchema),
  pending_effects: z.array(pendingEffectSummarySchema),
});
export type OperatorInspection = z.infer<typeof operatorInspectionSchema>;

export const operatorInspectionResultSchema = z.discriminatedUnion('ok', [
  operatorInspectionSchema.extend({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: domainErrorSchema }),
]);
export type OperatorInspectionResult = z.infer<typeof operatorInspectionResultSchema>;

/** GET /operator/actors/{type}/{id}. */
export const operatorActorViewSchema = operatorInspectionSchema.extend({
  actor: z.object({ type: inspectableActorTypeSchema, id: z.string() }),
});
export type OperatorActorView = z.infer<typeof operatorActorViewSchema>;

export const activeActorsSchema = z.array(
  z.object({ type: z.string(), count: z.number().int().nonnegative() }),
);
export type ActiveActors = z.infer<typeof activeActorsSchema>;

/** What an operator looked at, as the audit log records it: one actor, or the actor hosts. */
export type InspectedSubject = { actor_type: string; actor_id: string } | { hosts: true };

/**
 * What each actor host replica reports about itself every ACTOR_HOST_REPORT_SECONDS (into the
 * actor_hosts table, host/actor-host/actor-host-report.ts): its active actors per type as its
 * sidecar counts them. A report older than ACTOR_HOST_STALE_SECONDS is of a replica that is gone.
 */
export const ACTOR_HOST_REPORT_SECONDS = 5;
export const ACTOR_HOST_STALE_SECONDS = 20;

export const actorHostReportSchema = actorHostSchema.extend({
  active_actors: activeActorsSchema,
  started_at: z.string(),
  reported_at: z.string(),
});
export type ActorHostReport = z.infer<typeof actorHostReportSchema>;

/** GET /operator/hosts: the replicas that reported lately, by instance. */
export const operatorHostsViewSchema = z.object({
  hosts: z.array(actorHostReportSchema),
});
export type OperatorHostsView = z.infer<typeof operatorHostsViewSchema>;
