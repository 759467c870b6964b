import { Router } from 'express';
import { quickAddRequestSchema } from '../../schemas/quick-add.ts';
import { userOf } from '../middleware/authenticate.ts';
import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { readQuickAdd } from '../quick-add/read-quick-add.ts';

/**
 * `POST /tasks/parse`: the task a typed line would create, and a line saying so, in the user's
 * zone. Writes nothing: the page shows the preview and creates with POST /tasks on Enter.
 */
export function quickAddRouter(timeZoneOf: (userId: string) => Promise<string>): Router {
  const router = Router();
  router.post('/parse', async (request, response) => {
    const { text } = quickAddRequestSchema.parse(request.body ?? {});
    response.json(readQuickAdd(text, await timeZoneOf(userOf(request)), new Date()));
  });
  return rejectOtherMethods(router);
}
