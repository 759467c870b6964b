import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { QueueFullError } from '../../platform/bounded-queue.ts';
import type { Logger } from '../../platform/logger.ts';
import { runWithContext } from '../../platform/request-context.ts';
import {
  apiProblems,
  problemCodes,
  problemTitles,
  type ProblemCode,
} from '../../schemas/problem-codes.ts';
import { problemSchema } from '../../schemas/problem.ts';
import { ApiError, problem, RetryLaterError } from '../errors.ts';
import { jsonBody } from './json-body.ts';
import { notFoundHandler, problemHandler } from './problem.ts';

/** What the handler logged, so a test can see a cause was kept for us and not sent out. */
const logged: { level: string; message: string; meta: unknown }[] = [];
const logger = Object.fromEntries(
  ['error', 'warn', 'info', 'debug'].map((level) => [
    level,
    (message: string, meta: unknown) => logged.push({ level, message, meta }),
  ]),
) as unknown as Logger;

const SECRET = 'postgres://app:hunter2@db:5432/todo';
let base = '';
let close = () => {};

beforeAll(async () => {
  const app = express();
  const fail =
    (make: (request: express.Request) => unknown): RequestHandler =>
    (request) => {
      throw make(request);
    };
  app.get(
    '/code/:code',
    fail((request) => problem[request.params.code as ProblemCode]('as the route says')),
  );
  app.get(
    '/fields',
    fail(() =>
      problem.validation_failed('the request is invalid', [{ path: 'title', message: 'required' }]),
    ),
  );
  app.get(
    '/retry',
    fail(() => new RetryLaterError('rate_limited', 'slow down', 7)),
  );
  app.get(
    '/queue',
    fail(() => new QueueFullError('password hashing')),
  );
  app.get(
    '/zod',
    fail(() => z.object({ title: z.string() }).parse({})),
  );
  app.get(
    '/unavailable',
    fail(() => problem.actor_unavailable('try again', undefined, new Error(SECRET))),
  );
  app.get(
    '/relayed',
    fail(() => new ApiError({ relayed: { status: 418, code: 'teapot' } }, 'short and stout')),
  );
  app.get(
    '/unknown',
    fail(() => new Error(`connect ECONNREFUSED ${SECRET}`)),
  );
  app.get(
    '/thrown-string',
    fail(() => SECRET),
  );
  app.get('/correlated', (_request, _response, next) =>
    runWithContext({ correlationId: 'corr-1' }, () => next(problem.task_not_found('gone'))),
  );
  app.post('/json', jsonBody('1kb'), (_request, response) => void response.json({}));
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

async function get(path: string, init?: RequestInit) {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return { response, text, body: JSON.parse(text) as Record<string, unknown> };
}

describe('the problem handler', () => {
  it('answers every code of the catalogue with its status, as RFC 9457 problem+json', async () => {
    for (const code of problemCodes) {
      const { response, body } = await get(`/code/${code}`);
      const status = apiProblems[code].status;
      expect(response.status, code).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body).toEqual({
        type: `urn:todo-chatbot:problem:${code}`,
        title: problemTitles[status],
        status,
        code,
        detail: 'as the route says',
        instance: `/code/${code}`,
      });
      expect(problemSchema.safeParse(body).success, code).toBe(true);
    }
  });

  it('keeps the codes and statuses clients knew before the catalogue', async () => {
    const before: Partial<Record<ProblemCode, number>> = {
      validation_failed: 400,
      unauthorized: 401,
      token_expired: 401,
      operator_only: 403,
      task_not_found: 404,
      method_not_allowed: 405,
      version_conflict: 409,
      snooze_token_expired: 410,
      body_too_large: 413,
      recurrence_never_occurs: 422,
      rate_limited: 429,
      internal_error: 500,
      actor_bad_response: 502,
      actor_unavailable: 503,
      user_unavailable: 503,
      busy: 503,
    };
    for (const [code, status] of Object.entries(before))
      expect((await get(`/code/${code}`)).response.status, code).toBe(status);
  });

  it('lists the offending fields of a validation error', async () => {
    const { response, body } = await get('/fields');
    expect(response.status).toBe(400);
    expect(body.errors).toEqual([{ path: 'title', message: 'required' }]);
    const zod = await get('/zod');
    expect(zod.response.status).toBe(400);
    expect(zod.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'title' }] });
  });

  it('tells a throttled or overloaded client when to come back', async () => {
    const retry = await get('/retry');
    expect([retry.response.status, retry.body.code]).toEqual([429, 'rate_limited']);
    expect(retry.response.headers.get('retry-after')).toBe('7');
    const queue = await get('/queue');
    expect([queue.response.status, queue.body.code]).toEqual([503, 'busy']);
    expect(queue.response.headers.get('retry-after')).toBe('1');
  });

  it('maps body-parser failures to their codes', async () => {
    const post = (body: string) =>
      get('/json', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const invalid = await post('{"title": ');
    expect([invalid.response.status, invalid.body.code]).toEqual([400, 'invalid_json']);
    const large = await post(JSON.stringify({ title: 'x'.repeat(2_000) }));
    expect([large.response.status, large.body.code]).toEqual([413, 'body_too_large']);
    const deep = await post(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`);
    expect([deep.response.status, deep.body.code]).toEqual([400, 'json_too_deep']);
  });

  it('answers an unknown route with route_not_found', async () => {
    const { response, body } = await get('/nowhere');
    expect([response.status, body.code]).toEqual([404, 'route_not_found']);
  });

  it('carries the request’s correlation id', async () => {
    expect((await get('/correlated')).body).toMatchObject({
      code: 'task_not_found',
      correlation_id: 'corr-1',
    });
  });

  it('passes a relayed problem on as it came', async () => {
    const { response, body } = await get('/relayed');
    expect(response.status).toBe(418);
    expect(body).toMatchObject({ code: 'teapot', title: 'Error', detail: 'short and stout' });
  });

  it('turns anything else into a bare 500 and logs it, never sending its details', async () => {
    for (const path of ['/unknown', '/thrown-string']) {
      logged.length = 0;
      const { response, text, body } = await get(path);
      expect(response.status).toBe(500);
      expect(body).toEqual({
        type: 'urn:todo-chatbot:problem:internal_error',
        title: 'Internal Server Error',
        status: 500,
        code: 'internal_error',
        detail: 'an unexpected error occurred',
        instance: path,
      });
      expect(text).not.toContain('hunter2');
      expect(logged.map(({ level, message }) => [level, message])).toEqual([
        ['error', 'unhandled error'],
      ]);
    }
  });

  it('logs the cause of a 5xx of ours, and sends only the stable detail', async () => {
    logged.length = 0;
    const { response, text } = await get('/unavailable');
    expect(response.status).toBe(503);
    expect(text).not.toContain('hunter2');
    expect(logged).toEqual([
      {
        level: 'warn',
        message: 'request failed',
        meta: { code: 'actor_unavailable', status: 503, error: new Error(SECRET) },
      },
    ]);
  });
});
