import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import { taskSnapshot } from '../../tests/support/fixtures.ts';
import { ApiError } from '../errors.ts';
import type { TaskService } from '../services/task-service.ts';
import { tasksRouter } from './tasks.ts';

const task = taskSnapshot({
  id: 'a6f0e1c2-0000-4000-8000-000000000001',
  user_id: 'u1',
  version: 4,
});

/** The expected versions the commands were given, in order. */
const versions: Array<[command: string, version: number | undefined]> = [];
const command =
  (name: string) =>
  async (_userId: string, _taskId: string, ...rest: unknown[]): Promise<Task> => {
    versions.push([name, (name === 'update' ? rest[1] : rest[0]) as number | undefined]);
    return task;
  };
const unused = () => Promise.reject(new Error('not used here'));
const service: TaskService = {
  get: async () => task,
  update: command('update'),
  complete: command('complete'),
  reopen: command('reopen'),
  skip: command('skip'),
  remove: command('remove'),
  create: unused,
  list: unused,
  snoozeReminder: unused,
};

// Only what the routes need around them: a signed-in user, and errors as status and code.
const app = express()
  .use(express.json())
  .use((request, _response, next) => {
    request.userId = 'u1';
    next();
  })
  .use(
    '/tasks',
    tasksRouter(service, async () => 'UTC'),
  )
  .use(((error, _request, response, _next) => {
    if (error instanceof ApiError) response.status(error.status).json({ code: error.code });
    else response.status(500).json({ code: 'internal' });
  }) satisfies ErrorRequestHandler);

let base = '';
let server: Server;
beforeAll(async () => {
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tasks/${task.id}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const send = (method: string, path: string, ifMatch?: string) =>
  fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
    },
    ...(method === 'PATCH' ? { body: JSON.stringify({ title: 'x' }) } : {}),
  });

describe('If-Match on the task commands', () => {
  it('gives the ETag a response carries back to every command as its expected version', async () => {
    const etag = (await send('GET', '')).headers.get('etag')!;
    expect(etag).toBe('"4"');
    versions.length = 0;
    for (const [method, path] of [
      ['PATCH', ''],
      ['POST', '/complete'],
      ['POST', '/reopen'],
      ['POST', '/skip'],
      ['DELETE', ''],
    ] as const)
      expect((await send(method, path, etag)).status, `${method} ${path}`).toBeLessThan(300);
    expect(versions).toEqual([
      ['update', 4],
      ['complete', 4],
      ['reopen', 4],
      ['skip', 4],
      ['remove', 4],
    ]);
  });

  it('without it, the command is unconditional', async () => {
    versions.length = 0;
    await send('POST', '/complete');
    expect(versions).toEqual([['complete', undefined]]);
  });

  it('refuses a header it cannot read before anything is done', async () => {
    versions.length = 0;
    const response = await send('PATCH', '', '*');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'invalid_if_match' });
    expect(versions).toEqual([]);
  });
});
