import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import {
  inspectableActorTypeSchema,
  OPERATOR_INSPECT_METHOD,
  operatorActorViewSchema,
  operatorHostsViewSchema,
  operatorInspectionResultSchema,
  type OperatorActorView,
  type OperatorHostsView,
} from '../../schemas/operator.ts';
import { TASK_ACTOR_TYPE } from '../../schemas/task-actor.ts';
import { taskIdSchema, userIdSchema } from '../../schemas/task.ts';
import { ActorClient } from '../actor-client.ts';
import { problem } from '../errors.ts';
import { userOf } from '../middleware/authenticate.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { requireOperator } from '../middleware/require-operator.ts';
import { listActorHosts } from '../operator/actor-hosts.ts';
import { recordOperatorAccess, type InspectedSubject } from '../operator/operator-audit.ts';

export const operatorInspectActor = operation({
  method: 'get',
  path: '/operator/actors/{type}/{id}',
  operationId: 'operatorInspectActor',
  tags: ['operator'],
  description:
    'Operators only (OPERATOR_USER_IDS, see docs/SECURITY.md): any actor as it is now, whoever ' +
    'owns it: the actor host that holds it, its stored state (null when it has none), its ' +
    'reminders as the Dapr scheduler holds them, and its pending effects. Read-only; every ' +
    'access is written to the audit log (`operator.inspected`). Not an operator: ' +
    '`operator_only`, the same answer whatever the path names.',
  params: {
    type: { schema: inspectableActorTypeSchema, notFound: 'actor_type_unknown' },
    id: {
      schema: z.string().min(1).max(128),
      notFound: 'actor_not_found',
      description: 'A task id (uuid) for a TaskActor, a user id for a UserActor',
    },
  },
  responses: { 200: { description: 'The actor', body: operatorActorViewSchema } },
  problems: ['operator_only', 'actor_type_unknown', 'actor_not_found'],
  beyondSchema: { actor_not_found: 'the id is not a uuid, for a TaskActor' },
});

export const operatorListActorHosts = operation({
  method: 'get',
  path: '/operator/hosts',
  operationId: 'operatorListActorHosts',
  tags: ['operator'],
  description:
    'Operators only: every actor host replica and its active actors per type, as its Dapr ' +
    'sidecar counts them. Every access is written to the audit log.',
  responses: { 200: { description: 'The actor hosts', body: operatorHostsViewSchema } },
  problems: ['operator_only'],
});

export const operatorOperations = [operatorInspectActor, operatorListActorHosts];

/**
 * Actor inspection for operators: any actor (its host, state, scheduler reminders and pending
 * effects) and the active actors of every actor host. Read-only; the only caller of the actors'
 * `operatorInspect`. Every access is audited before it happens (operator-audit.ts).
 */
export function operatorRouter(deps: {
  operators: readonly string[];
  actors: ActorClient;
  db: Db;
}): Router {
  const routes = operationsRouter('/operator');
  routes.use(requireOperator(deps.operators));

  const audited = async (operatorId: string, subject: InspectedSubject) => {
    const operator = ActorClient.caller(operatorId);
    await recordOperatorAccess(deps.db, {
      operatorId,
      correlationId: operator.correlation_id,
      subject,
    });
    return operator;
  };

  routes.on(operatorInspectActor, async ({ params }, request, response) => {
    const type = params.type as z.infer<typeof inspectableActorTypeSchema>;
    const idSchema = type === TASK_ACTOR_TYPE ? taskIdSchema : userIdSchema;
    const id = idSchema.safeParse(params.id);
    if (!id.success) throw problem.actor_not_found(`no ${type} can have this id`);
    const operator = await audited(userOf(request), { actor_type: type, actor_id: id.data });
    const { ok: _ok, ...inspection } = await deps.actors.call(
      type,
      id.data,
      OPERATOR_INSPECT_METHOD,
      { operator },
      operatorInspectionResultSchema,
    );
    response.json({
      actor: { type, id: id.data },
      ...inspection,
    } satisfies OperatorActorView);
  });

  routes.on(operatorListActorHosts, async (_input, request, response) => {
    await audited(userOf(request), { hosts: true });
    response.json({ hosts: await listActorHosts(deps.db) } satisfies OperatorHostsView);
  });
  return routes.router();
}
