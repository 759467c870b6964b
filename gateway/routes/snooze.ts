import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import {
  InvalidSnoozeTokenError,
  verifySnoozeToken,
  type SnoozeClaims,
} from '../../platform/auth/snooze-token.ts';
import {
  snoozeInputSchema,
  snoozeLinkQuerySchema,
  type SnoozeInput,
  type SnoozeLinkPreview,
  type SnoozeLinkResult,
} from '../../schemas/snooze.ts';
import type { Task } from '../../schemas/task.ts';
import { snoozePage } from '../auth/snooze-page.ts';
import { ApiError, problem } from '../errors.ts';
import { userOf } from '../middleware/authenticate.ts';
import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { zodFields } from '../middleware/problem.ts';
import type { ActorTaskService, TaskService } from '../services/task-service.ts';
import { taskIdOf } from './tasks.ts';

const reminderIdSchema = z.string().min(1).max(200);

/** The reminder as the task holds it, after a snooze: what both routes answer with. */
function snoozedReminder(task: Task, reminderId: string): SnoozeLinkResult {
  const reminder = task.reminders.find((r) => r.id === reminderId);
  return {
    task_id: task.id,
    reminder_id: reminderId,
    snoozed_until: reminder?.snoozed_until ?? null,
  };
}

/** `POST /tasks/{id}/reminders/{reminder_id}/snooze`, for a signed-in user. */
export function reminderSnoozeRouter(tasks: TaskService): Router {
  const router = Router();
  router.post('/:id/reminders/:reminderId/snooze', async (request, response) => {
    const taskId = taskIdOf(request);
    const reminderId = reminderIdSchema.safeParse(request.params.reminderId);
    if (!reminderId.success) throw problem.reminder_not_found('the task has no such reminder');
    const snooze = snoozeInputSchema.parse(request.body ?? {});
    const task = await tasks.snoozeReminder(userOf(request), taskId, reminderId.data, snooze);
    response.setHeader('etag', `"${task.version}"`).json(task);
  });
  return rejectOtherMethods(router);
}

export interface SnoozeLinkDependencies {
  /** The actor-backed service: only it can bind a snooze to the firing a link was mailed for. */
  tasks: Pick<ActorTaskService, 'get' | 'snoozeReminder'>;
  jwtSecret: string;
  /** Per client address: the link needs no log-in, so its guesses are counted where they come from. */
  limit: RequestHandler;
}

/**
 * `/snooze?token=…&for=PT10M` (or `until=`): the links of a reminder mail, which work without
 * logging in. A GET only shows what the link would do (mail scanners open links); a POST to the
 * same address snoozes. A person gets a page, a program asking for JSON gets JSON or
 * problem+json; either way with a stable code. The token is never logged (the access log names
 * the route, not the query).
 */
export function snoozeLinkRouter({ tasks, jwtSecret, limit }: SnoozeLinkDependencies): Router {
  const router = Router();

  async function claimsOf(
    request: Request,
  ): Promise<{ claims: SnoozeClaims; snooze: SnoozeInput }> {
    const token = request.query.token;
    const claims = await verifySnoozeToken(jwtSecret, typeof token === 'string' ? token : '').catch(
      (error: unknown) => {
        if (!(error instanceof InvalidSnoozeTokenError)) throw error;
        throw error.reason === 'expired'
          ? problem.snooze_token_expired('the snooze link has expired')
          : problem.snooze_token_invalid('the snooze link is not valid');
      },
    );
    const query = snoozeLinkQuerySchema.safeParse(request.query);
    if (!query.success)
      throw problem.validation_failed('the request is invalid', zodFields(query.error));
    return { claims, snooze: query.data.snooze };
  }

  const page = (
    run: (request: Request, response: Response, wantsJson: boolean) => Promise<void>,
  ): RequestHandler => {
    return async (request, response) => {
      const wantsJson = request.accepts(['html', 'json']) === 'json';
      try {
        await run(request, response, wantsJson);
      } catch (error) {
        if (wantsJson || !(error instanceof ApiError) || error.status >= 500) throw error;
        response
          .status(error.status)
          .type('html')
          .send(snoozePage({ kind: 'failed', code: error.code, message: error.message }));
      }
    };
  };

  router.get(
    '/',
    limit,
    page(async (request, response, wantsJson) => {
      const { claims, snooze } = await claimsOf(request);
      if (wantsJson) {
        const preview: SnoozeLinkPreview = {
          task_id: claims.taskId,
          reminder_id: claims.reminderId,
          snooze,
        };
        return void response.json(preview);
      }
      const task = await tasks.get(claims.userId, claims.taskId);
      response.type('html').send(
        snoozePage({
          kind: 'confirm',
          title: task.title,
          timeZone: task.time_zone,
          snooze,
          action: request.originalUrl,
        }),
      );
    }),
  );

  router.post(
    '/',
    limit,
    page(async (request, response, wantsJson) => {
      const { claims, snooze } = await claimsOf(request);
      const task = await tasks.snoozeReminder(
        claims.userId,
        claims.taskId,
        claims.reminderId,
        snooze,
        claims.firing,
      );
      const snoozed = snoozedReminder(task, claims.reminderId);
      if (wantsJson) return void response.json(snoozed);
      response.type('html').send(
        snoozePage({
          kind: 'done',
          title: task.title,
          until: snoozed.snoozed_until,
          timeZone: task.time_zone,
        }),
      );
    }),
  );

  return rejectOtherMethods(router);
}
