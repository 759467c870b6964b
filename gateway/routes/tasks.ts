import type { Response, Router } from 'express';
import { z } from 'zod';
import {
  resolveTaskListQuery,
  taskListQuerySchema,
  taskPageSchema,
} from '../../schemas/task-query.ts';
import {
  createTaskRequestSchema,
  seriesScopeSchema,
  taskIdSchema,
  taskSchema,
  updateTaskRequestSchema,
  type Task,
} from '../../schemas/task.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { TaskService } from '../services/task-service.ts';

/** `{id}` of the task routes: a malformed id names no task, the same answer as an unknown one. */
export const taskIdParam = {
  id: { schema: taskIdSchema, notFound: 'task_not_found' },
} as const;

/** Which tasks of a series an edit or delete concerns; each operation has its own default. */
const scopeQuery = (defaultScope: 'occurrence' | 'series', description: string) =>
  z.strictObject({
    scope: seriesScopeSchema.default(defaultScope).meta({ description }),
  });

const taskAnswer = (description: string) => ({
  description,
  body: taskSchema,
  headers: { ETag: 'The task’s version, for If-Match: `"3"`' },
});

/** The problems of a command on one task: it may be gone, changed since, or its actor away. */
const command = ['task_not_found', 'version_conflict', 'task_deleted'] as const;

export const listTasks = operation({
  method: 'get',
  path: '/tasks',
  operationId: 'listTasks',
  tags: ['tasks'],
  description: 'Filters, full-text search, sorting and keyset pagination over the read model.',
  query: taskListQuerySchema,
  responses: { 200: { description: 'A page of tasks', body: taskPageSchema } },
  beyondSchema: {
    invalid_cursor: 'the cursor is not a `next_cursor` of this query (same sort and order)',
    validation_failed:
      'parameters that exclude each other: `cursor` with `offset`, a `view` other than `all` ' +
      'with `status`, `due_from`, `due_to` or `overdue` (the view sets them), `due_date_start` ' +
      'with a different `due_from` (and the other aliases alike)',
  },
});

export const createTask = operation({
  method: 'post',
  path: '/tasks',
  operationId: 'createTask',
  tags: ['tasks'],
  body: createTaskRequestSchema,
  responses: {
    201: {
      ...taskAnswer('Created'),
      headers: { ETag: 'The task’s version', Location: 'The task' },
    },
  },
  problems: ['recurrence_never_occurs'],
  beyondSchema: {
    validation_failed:
      '`due_at` and `due_date` (its other name) both given with different instants; an RRULE ' +
      'of well-formed parts the task cannot follow (an unknown or unsupported part, a value out ' +
      'of range); `errors` names the field',
    recurrence_never_occurs:
      'the recurrence is well-formed but has no occurrence (never, or not within ten years of ' +
      '`due_at`); `errors` names `recurrence` or `recurrence.rrule`',
  },
});

export const getTask = operation({
  method: 'get',
  path: '/tasks/{id}',
  operationId: 'getTask',
  tags: ['tasks'],
  params: taskIdParam,
  responses: { 200: taskAnswer('The task') },
  problems: ['task_not_found'],
});

export const updateTask = operation({
  method: 'patch',
  path: '/tasks/{id}',
  operationId: 'updateTask',
  tags: ['tasks'],
  description:
    'Changes the fields given. For a task of a series, `scope` says which occurrences the ' +
    'change concerns. Changing `recurrence` needs scope=series.',
  params: taskIdParam,
  ifMatch: true,
  query: scopeQuery(
    'series',
    '`series` (default: an edit of a recurring task is usually meant for it, and edits always ' +
      'carried into later occurrences): this occurrence and every later one, including one ' +
      'already created (all fields but `due_at` and `status` carry on). `occurrence`: this one ' +
      'only; the series first moves on from it unchanged, so its next occurrence exists before ' +
      'the change applies. Ignored for a task that does not recur.',
  ),
  body: updateTaskRequestSchema,
  responses: { 200: taskAnswer('Updated') },
  problems: [...command, 'recurrence_never_occurs'],
  beyondSchema: {
    validation_failed:
      'what the task already holds decides: a recurrence on a task without `due_at`, removing ' +
      '`due_at` from a recurring task, changing `recurrence` with scope=occurrence; `due_at` ' +
      'and `due_date` with different instants; an RRULE the task cannot follow',
    recurrence_never_occurs: 'the recurrence is well-formed but has no occurrence',
  },
});

export const deleteTask = operation({
  method: 'delete',
  path: '/tasks/{id}',
  operationId: 'deleteTask',
  tags: ['tasks'],
  params: taskIdParam,
  ifMatch: true,
  query: scopeQuery(
    'occurrence',
    '`occurrence` (default: a delete never removes more than the task it names, so cleaning up ' +
      'a finished occurrence cannot end a series): this occurrence only; the series goes on, ' +
      'its next occurrence is created now if it was not yet. `series`: this occurrence and ' +
      'every later one, already created or not; the rule ends here. Ignored for a task that ' +
      'does not recur.',
  ),
  responses: { 204: { description: 'Deleted' } },
  problems: command,
});

export const completeTask = operation({
  method: 'post',
  path: '/tasks/{id}/complete',
  operationId: 'completeTask',
  tags: ['tasks'],
  description:
    'Completes the task; a recurring task gets its next occurrence. Completing twice is harmless.',
  params: taskIdParam,
  ifMatch: true,
  responses: { 200: taskAnswer('Completed') },
  problems: command,
});

export const skipTask = operation({
  method: 'post',
  path: '/tasks/{id}/skip',
  operationId: 'skipTask',
  tags: ['tasks'],
  description:
    'Closes this occurrence of a recurring task as `skipped` and moves the series on to its ' +
    'next occurrence (the same one a completion or its due time would create). Skipping a ' +
    'skipped occurrence is harmless.',
  params: taskIdParam,
  ifMatch: true,
  responses: { 200: taskAnswer('Skipped') },
  problems: [...command, 'task_not_recurring', 'task_not_open'],
});

export const reopenTask = operation({
  method: 'post',
  path: '/tasks/{id}/reopen',
  operationId: 'reopenTask',
  tags: ['tasks'],
  params: taskIdParam,
  ifMatch: true,
  responses: { 200: taskAnswer('Reopened') },
  problems: command,
});

export const taskOperations = [
  listTasks,
  createTask,
  getTask,
  updateTask,
  deleteTask,
  completeTask,
  skipTask,
  reopenTask,
];

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
  const routes = operationsRouter('/tasks');

  routes.on(listTasks, async ({ query }, request, response) => {
    const userId = userOf(request);
    response.json(
      await tasks.list(userId, await resolveTaskListQuery(query, () => timeZoneOf(userId))),
    );
  });

  routes.on(createTask, async ({ body }, request, response) => {
    const task = await tasks.create(userOf(request), body);
    response.location(`${request.baseUrl}/${task.id}`);
    sendTask(response, task, 201);
  });

  routes.on(getTask, async ({ params }, request, response) => {
    sendTask(response, await tasks.get(userOf(request), params.id));
  });

  routes.on(updateTask, async ({ params, body, query, expectedVersion }, request, response) => {
    sendTask(
      response,
      await tasks.update(userOf(request), params.id, body, expectedVersion, query.scope),
    );
  });

  routes.on(completeTask, async ({ params, expectedVersion }, request, response) => {
    sendTask(response, await tasks.complete(userOf(request), params.id, expectedVersion));
  });

  routes.on(reopenTask, async ({ params, expectedVersion }, request, response) => {
    sendTask(response, await tasks.reopen(userOf(request), params.id, expectedVersion));
  });

  routes.on(skipTask, async ({ params, expectedVersion }, request, response) => {
    sendTask(response, await tasks.skip(userOf(request), params.id, expectedVersion));
  });

  routes.on(deleteTask, async ({ params, query, expectedVersion }, request, response) => {
    await tasks.remove(userOf(request), params.id, expectedVersion, query.scope);
    response.status(204).end();
  });

  return routes.router();
}
