import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import {
  createTaskInputSchema,
  taskIdSchema,
  updateTaskInputSchema,
  type Task,
} from '../../schemas/task.ts';
import type { Db } from '../../platform/database/database.ts';
import { taskListQuerySchema } from '../../schemas/task-query.ts';
import { ApiError } from '../errors.ts';
import { searchTasks } from '../queries/task-search.ts';
import { userOf } from '../middleware/authenticate.ts';
import { ActorClient } from '../actor-client.ts';
import type { TaskActorClient } from '../task-actor-client.ts';

/** A malformed id names no task: the same answer as for any other unknown task. */
function taskIdOf(request: Request): string {
  const id = taskIdSchema.safeParse(request.params.id);
  if (!id.success)
    throw new ApiError(404, 'task_not_found', `task ${String(request.params.id)} not found`);
  return id.data;
}

/** `If-Match: "3"` (or W/"3") makes a command conditional on the task's version. */
function expectedVersion(request: Request): number | undefined {
  const header = request.get('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match)
    throw new ApiError(400, 'invalid_if_match', 'If-Match must be a task version such as "3"');
  return Number(match[1]);
}

function sendTask(response: Response, task: Task, status = 200): void {
  response.status(status).setHeader('etag', `"${task.version}"`).json(task);
}

export function tasksRouter(actors: TaskActorClient, db: Db): Router {
  const router = Router();

  router.get('/', async (request, response) => {
    const query = taskListQuerySchema.parse(request.query);
    response.json(await searchTasks(db, userOf(request), query));
  });

  router.post('/', async (request, response) => {
    const userId = userOf(request);
    const input = createTaskInputSchema.parse(request.body ?? {});
    const task = await actors.call(randomUUID(), 'create', {
      caller: ActorClient.caller(userId),
      input,
    });
    response.location(`${request.baseUrl}/${task.id}`);
    sendTask(response, task, 201);
  });

  router.get('/:id', async (request, response) => {
    const task = await actors.call(taskIdOf(request), 'get', {
      caller: ActorClient.caller(userOf(request)),
    });
    sendTask(response, task);
  });

  router.patch('/:id', async (request, response) => {
    const id = taskIdOf(request);
    const patch = updateTaskInputSchema.parse(request.body ?? {});
    const task = await actors.call(id, 'update', {
      caller: ActorClient.caller(userOf(request)),
      patch,
      expected_version: expectedVersion(request),
    });
    sendTask(response, task);
  });

  for (const action of ['complete', 'reopen'] as const) {
    router.post(`/:id/${action}`, async (request, response) => {
      const task = await actors.call(taskIdOf(request), action, {
        caller: ActorClient.caller(userOf(request)),
        expected_version: expectedVersion(request),
      });
      sendTask(response, task);
    });
  }

  router.delete('/:id', async (request, response) => {
    await actors.call(taskIdOf(request), 'delete', {
      caller: ActorClient.caller(userOf(request)),
      expected_version: expectedVersion(request),
    });
    response.status(204).end();
  });

  return router;
}
