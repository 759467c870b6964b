import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { createTaskInputSchema, taskIdSchema } from '../../schemas/task.ts';
import { ApiError } from '../errors.ts';
import { userOf } from '../middleware/authenticate.ts';
import { TaskActorClient } from '../task-actor-client.ts';

export function tasksRouter(actors: TaskActorClient): Router {
  const router = Router();

  router.post('/', async (request, response) => {
    const userId = userOf(request);
    const input = createTaskInputSchema.parse(request.body ?? {});
    const taskId = randomUUID();
    const task = await actors.create(taskId, { caller: TaskActorClient.caller(userId), input });
    response.status(201).location(`${request.baseUrl}/${task.id}`).json(task);
  });

  router.get('/:id', async (request, response) => {
    const userId = userOf(request);
    const id = taskIdSchema.safeParse(request.params.id);
    // A malformed id names no task: the same answer as for any other unknown task.
    if (!id.success)
      throw new ApiError(404, 'task_not_found', `task ${request.params.id} not found`);
    const task = await actors.get(id.data, { caller: TaskActorClient.caller(userId) });
    response.json(task);
  });

  return router;
}
