import type { Router } from 'express';
import { quickAddPreviewSchema, quickAddRequestSchema } from '../../schemas/quick-add.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { userOf } from '../middleware/authenticate.ts';
import { readQuickAdd } from '../quick-add/read-quick-add.ts';

export const parseTask = operation({
  method: 'post',
  path: '/tasks/parse',
  operationId: 'parseTask',
  tags: ['tasks'],
  description:
    'Quick add: reads one typed line ("pay rent on the 1st of every month at 9am #home !high") ' +
    'with the offline chat’s parser, in the caller’s profile zone, and answers the task it ' +
    'would create and a one-line preview. Writes nothing; `task` is a valid body for ' +
    '`POST /tasks` as it is.',
  body: quickAddRequestSchema,
  responses: { 200: { description: 'The task the text asks for', body: quickAddPreviewSchema } },
  problems: ['quick_add_no_title', 'quick_add_invalid_task'],
  beyondSchema: {
    quick_add_no_title: 'nothing is left of the text for a title (only a date, tags, a priority)',
    quick_add_invalid_task:
      'what the text says is not a valid task (a day no month has, more than 10 tags, a title ' +
      'over 200 characters); `errors` names the fields',
  },
});

export const quickAddOperations = [parseTask];

/**
 * `POST /tasks/parse`: the task a typed line would create, and a line saying so, in the user's
 * zone. Writes nothing: the page shows the preview and creates with POST /tasks on Enter.
 */
export function quickAddRouter(timeZoneOf: (userId: string) => Promise<string>): Router {
  const routes = operationsRouter('/tasks');
  routes.on(parseTask, async ({ body }, request, response) => {
    response.json(readQuickAdd(body.text, await timeZoneOf(userOf(request)), new Date()));
  });
  return routes.router();
}
