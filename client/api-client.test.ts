import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, dataOf } from './api-client.ts';
import { ApiProblem } from './problem.ts';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  ifMatch: string | undefined;
  contentType: string | undefined;
  body: string;
}

/**
 * A small API on a real socket: `access-<valid>` is the only token it takes; it answers a
 * task, a 204, a problem document, or echoes what it was sent.
 */
let seen: Seen[] = [];
let valid = 1;
let baseUrl = '';

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  const url = request.url ?? '';
  seen.push({
    method: request.method ?? '',
    url,
    authorization: request.headers.authorization,
    ifMatch: request.headers['if-match'],
    contentType: request.headers['content-type'],
    body,
  });
  const send = (status: number, document?: object, type = 'application/json') => {
    response.writeHead(status, document ? { 'content-type': type } : {});
    response.end(document ? JSON.stringify(document) : undefined);
  };
  if (request.headers.authorization !== `Bearer access-${valid}`) {
    return send(
      401,
      { code: 'token_expired', detail: 'the token has expired' },
      'application/problem+json',
    );
  }
  if (url.startsWith('/api/v1/tasks/missing')) {
    return send(
      404,
      {
        code: 'task_not_found',
        detail: 'task not found',
        errors: [{ path: 'id', message: 'no such task' }],
      },
      'application/problem+json',
    );
  }
  if (request.method === 'DELETE') return send(204);
  send(200, { id: 't1', title: body ? (JSON.parse(body) as { title: string }).title : 'x' });
}

const server = createServer((request, response) => void answer(request, response));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fresh = () => {
  seen = [];
  valid = 1;
};

describe('the API client', () => {
  it('sends the bearer token, path parameters encoded, If-Match and list queries', async () => {
    fresh();
    const api = createApiClient({ baseUrl, token: 'access-1' });
    await api.PATCH('/tasks/{id}', {
      params: { path: { id: 'a/b' }, query: { scope: 'series' }, header: { 'If-Match': '"3"' } },
      body: { title: 'renamed' },
    });
    await api.GET('/tasks', { params: { query: { status: ['pending', 'completed'] } } });
    expect(
      seen.map(({ method, url, authorization, ifMatch }) => ({
        method,
        url,
        authorization,
        ifMatch,
      })),
    ).toEqual([
      {
        method: 'PATCH',
        url: '/api/v1/tasks/a%2Fb?scope=series',
        authorization: 'Bearer access-1',
        ifMatch: '"3"',
      },
      {
        method: 'GET',
        url: '/api/v1/tasks?status=pending,completed',
        authorization: 'Bearer access-1',
        ifMatch: undefined,
      },
    ]);
    expect(seen[0]).toMatchObject({ contentType: 'application/json', body: '{"title":"renamed"}' });
  });

  it('answers the typed data of a success and nothing for a 204', async () => {
    fresh();
    const api = createApiClient({ baseUrl, token: 'access-1' });
    const task = await dataOf(api.POST('/tasks', { body: { title: 'Buy milk' } }));
    expect(task).toEqual({ id: 't1', title: 'Buy milk' });
    const removed = await api.DELETE('/tasks/{id}', { params: { path: { id: 't1' } } });
    expect(removed.data).toBeUndefined();
    expect(removed.response.status).toBe(204);
  });

  it('rejects a problem+json answer with an ApiProblem carrying its code and fields', async () => {
    fresh();
    const api = createApiClient({ baseUrl, token: 'access-1' });
    const failure = await api
      .GET('/tasks/{id}', { params: { path: { id: 'missing' } } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiProblem);
    expect({ ...(failure as ApiProblem), message: (failure as ApiProblem).message }).toEqual({
      name: 'ApiProblem',
      status: 404,
      code: 'task_not_found',
      message: 'task not found',
      fields: [{ path: 'id', message: 'no such task' }],
    });
  });

  it('sends a request answered 401 once more, with its body, after onUnauthorized refreshed the token', async () => {
    fresh();
    valid = 2;
    let token = 'access-1';
    const asked: string[] = [];
    const api = createApiClient({
      baseUrl,
      getToken: () => token,
      onUnauthorized: async (request) => {
        asked.push(request.headers.get('authorization') ?? '');
        token = 'access-2';
        return true;
      },
    });
    const task = await dataOf(
      api.PATCH('/tasks/{id}', {
        params: { path: { id: 't1' }, header: { 'If-Match': '"7"' } },
        body: { title: 'again' },
      }),
    );
    expect(task).toEqual({ id: 't1', title: 'again' });
    expect(asked).toEqual(['Bearer access-1']);
    expect(seen.map(({ authorization, ifMatch, body }) => [authorization, ifMatch, body])).toEqual([
      ['Bearer access-1', '"7"', '{"title":"again"}'],
      ['Bearer access-2', '"7"', '{"title":"again"}'],
    ]);
  });

  it('lets the 401 stand when onUnauthorized declines, and retries at most once', async () => {
    fresh();
    valid = 99;
    let calls = 0;
    const api = createApiClient({
      baseUrl,
      token: 'access-1',
      onUnauthorized: async () => {
        calls += 1;
        return calls === 1;
      },
    });
    const failure = await api.GET('/me').catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 401, code: 'token_expired' });
    expect(calls).toBe(1);
    expect(seen).toHaveLength(2);
  });

  it('sends a path built at run time with the typed checks: data back, a problem rejected', async () => {
    fresh();
    const api = createApiClient({ baseUrl, token: 'access-1' });
    expect(await api.send('POST', '/tasks?x=1', { body: { title: 'built' } })).toEqual({
      id: 't1',
      title: 'built',
    });
    expect(seen[0]).toMatchObject({ url: '/api/v1/tasks?x=1', authorization: 'Bearer access-1' });
    await expect(api.send('GET', '/tasks/missing')).rejects.toMatchObject({
      status: 404,
      code: 'task_not_found',
    });
  });

  it('sends raw requests outside the contract and answers any status without throwing', async () => {
    fresh();
    const api = createApiClient({ baseUrl, token: 'access-1' });
    const answer = await api.raw('POST', '/tasks/missing/nowhere', { body: '{"title":' });
    expect(answer).toMatchObject({
      status: 404,
      problem: true,
      body: { code: 'task_not_found' },
    });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/tasks/missing/nowhere',
      contentType: 'application/json',
      body: '{"title":',
    });
    const own = await api.raw('GET', '/me', { headers: { authorization: 'Bearer forged' } });
    expect(own).toMatchObject({ status: 401, problem: true });
    expect(seen[1]?.authorization).toBe('Bearer forged');
    expect(await api.raw('DELETE', '/tasks/t1')).toMatchObject({ status: 204, body: undefined });
  });
});
