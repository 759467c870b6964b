import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import {
  InvalidSnoozeTokenError,
  verifySnoozeToken,
  type SnoozeClaims,
} from '../../platform/auth/snooze-token.ts';
import {
  snoozeInputSchema,
  snoozeLinkPreviewSchema,
  snoozeLinkQuerySchema,
  snoozeLinkResultSchema,
  type SnoozeInput,
  type SnoozeLinkPreview,
  type SnoozeLinkResult,
} from '../../schemas/snooze.ts';
import { taskSchema, type Task } from '../../schemas/task.ts';
import { snoozePage } from '../auth/snooze-page.ts';
import { ApiError, problem } from '../errors.ts';
import { userOf } from '../middleware/authenticate.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { zodFields } from '../middleware/problem.ts';
import type { ActorTaskService, TaskService } from '../services/task-service.ts';
import { taskIdParam } from './tasks.ts';

export const snoozeReminder = operation({
  method: 'post',
  path: '/tasks/{id}/reminders/{reminder_id}/snooze',
  operationId: 'snoozeReminder',
  tags: ['tasks'],
  description:
    'The reminder fires (again) once at the snoozed instant: `for` a duration from now (added ' +
    'in the task’s zone) or `until` an instant, exactly one, in the future and at most 30 days ' +
    'ahead. A reminder that has fired gets another `reminder.due` (mailed again, within the ' +
    'daily cap); one that has not fired yet is moved. Snoozing again replaces the earlier ' +
    'snooze. The reminder shows `snoozed_until` until it fires; the task’s version does not ' +
    'change. A `reminder.snoozed` event is in the task’s history.',
  params: {
    ...taskIdParam,
    reminder_id: {
      schema: z.string().min(1).max(200),
      notFound: 'reminder_not_found',
      description: 'The reminder’s `id` as the task lists it (URL-encoded), e.g. `offset:-PT30M`',
    },
  },
  body: snoozeInputSchema,
  responses: {
    200: {
      description: 'The task, its reminder snoozed',
      body: taskSchema,
      headers: { ETag: 'The task’s version' },
    },
  },
  problems: ['task_not_found', 'reminder_not_found', 'task_completed', 'task_deleted'],
  beyondSchema: {
    validation_failed:
      'the snooze would end in the past or more than 30 days ahead (the actor’s clock decides)',
  },
});

/** The query of a snooze link: its token, and the reader's choice. */
const snoozeLinkQuery = snoozeLinkQuerySchema;

const linkProblems = ['snooze_token_invalid', 'snooze_token_expired', 'task_not_found'] as const;
const linkBeyondSchema = {
  snooze_token_invalid: 'the token is malformed or its signature is not ours',
  snooze_token_expired: 'the link is older than 7 days',
  validation_failed:
    'the snooze would end in the past (a `tomorrow 09:00` link followed late) or too far ahead',
} as const;

export const previewSnoozeLink = operation({
  method: 'get',
  path: '/snooze',
  operationId: 'previewSnoozeLink',
  tags: ['tasks'],
  auth: 'none',
  description:
    'A snooze link of a reminder mail, followed: changes nothing (mail scanners follow links ' +
    'too). A browser gets a page whose button POSTs to the same address; a client that accepts ' +
    'JSON first gets what the link would do.',
  query: snoozeLinkQuery,
  validate: 'handler',
  responses: {
    200: { description: 'What the link would do', body: snoozeLinkPreviewSchema, html: true },
  },
  problems: linkProblems,
  beyondSchema: linkBeyondSchema,
});

export const snoozeByLink = operation({
  method: 'post',
  path: '/snooze',
  operationId: 'snoozeByLink',
  tags: ['tasks'],
  auth: 'none',
  description:
    'Snoozes the reminder the token names, without logging in, as `POST ' +
    '/tasks/{id}/reminders/{reminder_id}/snooze` does. Limited per client address.',
  query: snoozeLinkQuery,
  validate: 'handler',
  responses: { 200: { description: 'Snoozed', body: snoozeLinkResultSchema, html: true } },
  problems: [
    ...linkProblems,
    'reminder_not_found',
    'snooze_link_superseded',
    'task_completed',
    'task_deleted',
  ],
  beyondSchema: {
    ...linkBeyondSchema,
    snooze_link_superseded: 'the reminder fired again or was changed since the mail',
  },
});

export const snoozeOperations = [snoozeReminder, previewSnoozeLink, snoozeByLink];

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
  const routes = operationsRouter('/tasks');
  routes.on(snoozeReminder, async ({ params, body }, request, response) => {
    const task = await tasks.snoozeReminder(userOf(request), params.id, params.reminder_id, body);
    response.setHeader('etag', `"${task.version}"`).json(task);
  });
  return routes.router();
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
  const routes = operationsRouter('/snooze');

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
    const query = snoozeLinkQuery.safeParse(request.query);
    if (!query.success)
      throw problem.validation_failed('the request is invalid', zodFields(query.error));
    return { claims, snooze: query.data.snooze };
  }

  const page = (
    run: (request: Request, response: Response, wantsJson: boolean) => Promise<void>,
  ) => {
    return async (_input: unknown, request: Request, response: Response) => {
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

  routes.on(
    previewSnoozeLink,
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

  routes.on(
    snoozeByLink,
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

  return routes.router();
}
