import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  createTaskRequestSchema,
  seriesScopeSchema,
  taskIdSchema,
  updateTaskRequestSchema,
  type Task,
} from '../../schemas/task.ts';
import { resolveTaskListQuery, taskListQuerySchema } from '../../schemas/task-query.ts';
import { problem } from '../errors.ts';
import { expectedVersionOf } from '../http/if-match.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { TaskService } from '../services/task-service.ts';

/** A malformed id names no task: the same answer as for any other unknown task. */
export function taskIdOf(request: Request): string {
  const id = taskIdSchema.safeParse(request.params.id);
  if (!id.success) throw problem.task_not_found(`task ${String(request.params.id)} not found`);
  return id.data;
}

/** The version an `If-Match` header asks for (see gateway/http/if-match.ts). */
const expectedVersion = (request: Request) => expectedVersionOf(request.get('if-match'));

/** `?scope=occurrence|series` of an edit or delete; each has its own default (see the OpenAPI document). */
const scopeOf = (request: Request) =>
  z.object({ scope: seriesScopeSchema.optional() }).parse(request.query).scope;

function sendTask(response: Response, task: Task, status = 200): void {
  response.status(status).setHeader('etag', `"${task.version}"`).json(task);
}

/**
 * The task routes. `timeZoneOf` is the user's profile zone, in which date-times without offset
 * in a list query are read.
 */
export function tasksRouter(
  tasks: TaskService,
  timeZoneOf: (userId: string) => Promise<string>,
): Router {
  const router = Router();

  router.get('/', async (request, response) => {
    const userId = userOf(request);
    const query = await resolveTaskListQuery(taskListQuerySchema.parse(request.query), () =>
      timeZoneOf(userId),
    );
    response.json(await tasks.list(userId, query));
  });

  router.post('/', async (request, response) => {
    const task = await tasks.create(
      userOf(request),
      createTaskRequestSchema.parse(request.body ?? {}),
    );
    response.location(`${request.baseUrl}/${task.id}`);
    sendTask(response, task, 201);
  });

  router.get('/:id', async (request, response) => {
    sendTask(response, await tasks.get(userOf(request), taskIdOf(request)));
  });

  router.patch('/:id', async (request, response) => {
    const id = taskIdOf(request);
    const patch = updateTaskRequestSchema.parse(request.body ?? {});
    sendTask(
      response,
      await tasks.update(userOf(request), id, patch, expectedVersion(request), scopeOf(request)),
    );
  });

  router.post('/:id/complete', async (request, response) => {
    sendTask(
      response,
      await tasks.complete(userOf(request), taskIdOf(request), expectedVersion(request)),
    );
  });

  router.post('/:id/reopen', async (request, response) => {
    sendTask(
      response,
      await tasks.reopen(userOf(request), taskIdOf(request), expectedVersion(request)),
    );
  });

  router.post('/:id/skip', async (request, response) => {
    sendTask(
      response,
      await tasks.skip(userOf(request), taskIdOf(request), expectedVersion(request)),
    );
  });

  router.delete('/:id', async (request, response) => {
    await tasks.remove(
      userOf(request),
      taskIdOf(request),
      expectedVersion(request),
      scopeOf(request),
    );
    response.status(204).end();
  });

  return rejectOtherMethods(router);
}
