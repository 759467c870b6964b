import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { registrationName, SERIES_ADVANCE_REMINDER } from '../../schemas/reminder.ts';
import { TASK_ACTOR_TYPE, taskInspectionResultSchema } from '../../schemas/task-actor.ts';
import { USER_ACTOR_TYPE } from '../../schemas/user.ts';
import { ActorClient } from '../actor-client.ts';
import { listActorHosts, totalActiveActors } from '../operator/actor-hosts.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { taskIdParam } from './tasks.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { UserActorClient } from '../user-actor-client.ts';

/** The inspector page's view: for people, shaped for the page, so not a stable contract. */
const inspectorView = z.object({
  actor: z.object({ type: z.string(), id: z.string() }),
  state: z.unknown(),
  actor_types: z.array(z.object({ type: z.string(), count: z.number().int() })),
});

export const inspectTask = operation({
  method: 'get',
  path: '/inspect/tasks/{id}',
  operationId: 'inspectTask',
  tags: ['inspect'],
  description:
    'One of your tasks as its actor holds it now: state, the reminders the scheduler holds ' +
    'for it, its pending effects and recent events (the web page’s inspector).',
  params: taskIdParam,
  responses: { 200: { description: 'The TaskActor', body: inspectorView.loose() } },
  problems: ['task_not_found'],
});

export const inspectMe = operation({
  method: 'get',
  path: '/inspect/me',
  operationId: 'inspectMe',
  tags: ['inspect'],
  description: 'Your UserActor as it holds your profile now, and the actor tier’s active actors.',
  responses: { 200: { description: 'The UserActor', body: inspectorView.loose() } },
});

export const inspectOperations = [inspectTask, inspectMe];

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
  const routes = operationsRouter('/inspect');
  const actorTypes = async () => totalActiveActors(await listActorHosts(deps.db));

  routes.on(inspectTask, async ({ params }, request, response) => {
    const userId = userOf(request);
    const inspection = await deps.actors.call(
      TASK_ACTOR_TYPE,
      params.id,
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

  routes.on(inspectMe, async (_input, request, response) => {
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
  return routes.router();
}
