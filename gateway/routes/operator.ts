import { Router } from 'express';
import type { Db } from '../../db/database.ts';
import {
  inspectableActorTypeSchema,
  OPERATOR_INSPECT_METHOD,
  operatorInspectionResultSchema,
  type OperatorActorView,
  type OperatorHostsView,
} from '../../schemas/operator.ts';
import { TASK_ACTOR_TYPE } from '../../schemas/task-actor.ts';
import { taskIdSchema, userIdSchema } from '../../schemas/task.ts';
import { ActorClient } from '../actor-client.ts';
import { problem } from '../errors.ts';
import { userOf } from '../middleware/authenticate.ts';
import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { requireOperator } from '../middleware/require-operator.ts';
import { listActorHosts } from '../operator/actor-hosts.ts';
import { recordOperatorAccess, type InspectedSubject } from '../operator/operator-audit.ts';

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
  const router = Router();
  router.use(requireOperator(deps.operators));

  const audited = async (operatorId: string, subject: InspectedSubject) => {
    const operator = ActorClient.caller(operatorId);
    await recordOperatorAccess(deps.db, {
      operatorId,
      correlationId: operator.correlation_id,
      subject,
    });
    return operator;
  };

  router.get('/actors/:type/:id', async (request, response) => {
    const type = inspectableActorTypeSchema.safeParse(request.params.type);
    if (!type.success)
      throw problem.actor_type_unknown(
        `actor types are ${inspectableActorTypeSchema.options.join(' and ')}`,
      );
    const idSchema = type.data === TASK_ACTOR_TYPE ? taskIdSchema : userIdSchema;
    const id = idSchema.safeParse(request.params.id);
    if (!id.success) throw problem.actor_not_found(`no ${type.data} can have this id`);
    const operator = await audited(userOf(request), { actor_type: type.data, actor_id: id.data });
    const { ok: _ok, ...inspection } = await deps.actors.call(
      type.data,
      id.data,
      OPERATOR_INSPECT_METHOD,
      { operator },
      operatorInspectionResultSchema,
    );
    response.json({
      actor: { type: type.data, id: id.data },
      ...inspection,
    } satisfies OperatorActorView);
  });

  router.get('/hosts', async (request, response) => {
    await audited(userOf(request), { hosts: true });
    response.json({ hosts: await listActorHosts(deps.db) } satisfies OperatorHostsView);
  });
  return rejectOtherMethods(router);
}
