import type { Router } from 'express';
import { z } from 'zod';
import { MAX_UPCOMING_OCCURRENCES, taskOccurrencesSchema } from '../../schemas/task-actor.ts';
import { taskCountsQuerySchema } from '../../schemas/task-query.ts';
import { taskCountsSchema } from '../../schemas/task-views.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { ActorTaskService } from '../services/task-service.ts';
import { taskIdParam } from './tasks.ts';

export const countTaskViews = operation({
  method: 'get',
  path: '/tasks/counts',
  operationId: 'countTaskViews',
  tags: ['tasks'],
  description:
    'How many tasks each view of `GET /tasks?view=` holds (today, upcoming, overdue, ' +
    'completed, all), in your profile time zone; search, priority and tags narrow every view alike.',
  query: taskCountsQuerySchema,
  responses: { 200: { description: 'Tasks per view', body: taskCountsSchema } },
});

export const taskOccurrences = operation({
  method: 'get',
  path: '/tasks/{id}/occurrences',
  operationId: 'taskOccurrences',
  tags: ['tasks'],
  description:
    'The due dates of the next occurrences of a recurring task (none for a one-off task). For ' +
    'a series that repeats from completion they are `projected`: as if each occurrence were ' +
    'completed when due.',
  params: taskIdParam,
  query: z.strictObject({
    count: z.coerce.number().int().min(1).max(MAX_UPCOMING_OCCURRENCES).default(5),
  }),
  responses: { 200: { description: 'The next occurrences', body: taskOccurrencesSchema } },
  problems: ['task_not_found'],
});

export const taskViewOperations = [countTaskViews, taskOccurrences];

/**
 * What the web page shows around the list: how many tasks each view holds, and where a series
 * goes next. Mounted before the task routes, whose `/:id` would take `counts` for an id.
 */
export function taskViewsRouter(
  tasks: ActorTaskService,
  timeZoneOf: (userId: string) => Promise<string>,
): Router {
  const routes = operationsRouter('/tasks');
  routes.on(countTaskViews, async ({ query }, request, response) => {
    const userId = userOf(request);
    response.json(await tasks.countViews(userId, query, await timeZoneOf(userId)));
  });
  routes.on(taskOccurrences, async ({ params, query }, request, response) => {
    response.json(await tasks.occurrences(userOf(request), params.id, query.count));
  });
  return routes.router();
}
