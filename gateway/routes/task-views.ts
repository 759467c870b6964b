import { Router } from 'express';
import { z } from 'zod';
import { MAX_UPCOMING_OCCURRENCES } from '../../schemas/task-actor.ts';
import { taskCountsQuerySchema } from '../../schemas/task-query.ts';
import { userOf } from '../middleware/authenticate.ts';
import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import type { ActorTaskService } from '../services/task-service.ts';
import { taskIdOf } from './tasks.ts';

const occurrencesQuerySchema = z.strictObject({
  count: z.coerce.number().int().min(1).max(MAX_UPCOMING_OCCURRENCES).default(5),
});

/**
 * What the web page shows around the list: how many tasks each view holds, and where a series
 * goes next. Mounted before the task routes, whose `/:id` would take `counts` for an id.
 */
export function taskViewsRouter(
  tasks: ActorTaskService,
  timeZoneOf: (userId: string) => Promise<string>,
): Router {
  const router = Router();
  router.get('/counts', async (request, response) => {
    const userId = userOf(request);
    const query = taskCountsQuerySchema.parse(request.query);
    response.json(await tasks.countViews(userId, query, await timeZoneOf(userId)));
  });
  router.get('/:id/occurrences', async (request, response) => {
    const id = taskIdOf(request);
    const { count } = occurrencesQuerySchema.parse(request.query);
    response.json(await tasks.occurrences(userOf(request), id, count));
  });
  return rejectOtherMethods(router);
}
