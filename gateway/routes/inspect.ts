import { Router } from 'express';
import type { Db } from '../../db/database.ts';
import { registrationName, SERIES_ADVANCE_REMINDER } from '../../schemas/reminder.ts';
import { TASK_ACTOR_TYPE, taskInspectionResultSchema } from '../../schemas/task-actor.ts';
import { taskIdSchema } from '../../schemas/task.ts';
import { USER_ACTOR_TYPE } from '../../schemas/user.ts';
import { ActorClient } from '../actor-client.ts';
import { listActorHosts, totalActiveActors } from '../operator/actor-hosts.ts';
import { problem } from '../errors.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { UserActorClient } from '../user-actor-client.ts';

/**
 * The actor inspector's data: one of the caller's actors as it is now (state, the reminders the
 * scheduler holds for it, its recent events) and the actor tier's active actors per type, from
 * the hosts' own reports (no service invocation: every app's access policy denies it).
 */
export function inspectRouter(deps: {
  actors: ActorClient;
  users: UserActorClient;
  db: Db;
}): Router {
  const router = Router();
  const actorTypes = async () => totalActiveActors(await listActorHosts(deps.db));

  router.get('/tasks/:id', async (request, response) => {
    const userId = userOf(request);
    const id = taskIdSchema.safeParse(request.params.id);
    if (!id.success) throw problem.task_not_found('task not found');
    const inspection = await deps.actors.call(
      TASK_ACTOR_TYPE,
      id.data,
      'inspect',
      { caller: ActorClient.caller(userId) },
      taskInspectionResultSchema,
    );
    const task = inspection.task;
    const scheduled = new Map(
      inspection.scheduled_reminders.map((entry) => [entry.name, entry.reminder]),
    );
    const reminders = task.reminders.map((reminder) => ({
      ...reminder,
      scheduler_name: registrationName(reminder.id),
      scheduled: scheduled.get(registrationName(reminder.id)) ?? null,
    }));
    const events = await deps.db
      .selectFrom('audit_log')
      .select(['event_id', 'event_type', 'topic', 'version', 'occurred_at', 'correlation_id'])
      .where('task_id', '=', task.id)
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
    response.json({
      actor: { type: TASK_ACTOR_TYPE, id: task.id },
      state: task,
      reminders,
      // The reminder at the due time that moves a repeat_from: due series on, while it waits.
      series_reminder: scheduled.get(SERIES_ADVANCE_REMINDER) ?? null,
      pending_effects: inspection.pending_effects,
      events,
      actor_types: await actorTypes(),
    });
  });

  router.get('/me', async (request, response) => {
    const userId = userOf(request);
    const profile = await deps.users.call(userId, 'getProfile', {
      caller: ActorClient.caller(userId),
    });
    response.json({
      actor: { type: USER_ACTOR_TYPE, id: userId },
      state: profile,
      actor_types: await actorTypes(),
    });
  });
  return router;
}
