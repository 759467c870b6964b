import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serveRouters, type InProcessApp } from '../../tests/support/in-process-app.ts';
import { taskIdParam } from '../routes/tasks.ts';
import { expressPath, operation, operationsRouter } from './operation.ts';

const rename = operation({
  method: 'post',
  path: '/things/{id}/rename',
  operationId: 'renameThing',
  tags: ['test'],
  params: taskIdParam,
  ifMatch: true,
  query: z.strictObject({ dry_run: z.enum(['true', 'false']).default('false') }),
  body: z.strictObject({ name: z.string().min(1).max(10) }),
  responses: { 200: { description: 'Renamed' } },
});

describe('an operation', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    const routes = operationsRouter('/things');
    routes.on(rename, async (input, _request, response) => {
      response.json(input);
    });
    app = await serveRouters({ '/things': routes.router() });
  });
  afterAll(() => app.close());

  const id = '0b6f7a4e-3f0a-4d6e-9c41-5a1c2b3d4e5f';
  const call = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('hands its handler the request as its schemas parsed it', async () => {
    const response = await call(
      `/things/${id}/rename?dry_run=true`,
      { name: 'new' },
      { 'if-match': '"4"' },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      params: { id },
      query: { dry_run: 'true' },
      body: { name: 'new' },
      expectedVersion: 4,
    });
  });

  it('answers a path parameter that names nothing with its own code, not a 400', async () => {
    const response = await call('/things/not-a-uuid/rename', { name: 'new' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'task_not_found' });
  });

  it('refuses If-Match 0 in the client’s words: no task has version 0', async () => {
    const response = await call(`/things/${id}/rename`, { name: 'new' }, { 'if-match': '0' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid_if_match' });
  });

  it('refuses a body and a query its schemas refuse, naming the field', async () => {
    const body = await call(`/things/${id}/rename`, { name: '' });
    expect(body.status).toBe(400);
    expect(await body.json()).toMatchObject({ errors: [{ path: 'name' }] });
    const query = await call(`/things/${id}/rename?dry_run=maybe`, { name: 'ok' });
    expect(query.status).toBe(400);
    expect(await query.json()).toMatchObject({ errors: [{ path: 'dry_run' }] });
  });

  it('answers another method on its path with 405 and Allow', async () => {
    const response = await fetch(`${app.base}/things/${id}/rename`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('is served under its router’s mount, and nowhere else', () => {
    expect(expressPath('/tasks', '/tasks')).toBe('/');
    expect(expressPath('/tasks', '/tasks/{id}/reminders/{reminder_id}/snooze')).toBe(
      '/:id/reminders/:reminder_id/snooze',
    );
    expect(() => expressPath('/tasks', '/taskset/{id}')).toThrow(/not under/);
  });
});
