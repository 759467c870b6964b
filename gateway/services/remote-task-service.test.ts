import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { RemoteTaskService } from './remote-task-service.ts';

/** An API that refuses every request with a version conflict, and notes what it was sent. */
function conflicting() {
  const sent: {
    method: string;
    url: string;
    ifMatch: string | null;
    authorization: string | null;
  }[] = [];
  const fetch = async (request: Request) => {
    sent.push({
      method: request.method,
      url: request.url,
      ifMatch: request.headers.get('if-match'),
      authorization: request.headers.get('authorization'),
    });
    return Response.json(
      {
        code: 'version_conflict',
        detail: 'the task is at version 4',
        errors: [{ path: 'version', message: 'expected 3' }],
      },
      { status: 409, headers: { 'content-type': 'application/problem+json' } },
    );
  };
  return { sent, fetch };
}

describe('the TaskService over the REST API', () => {
  it('sends the version as If-Match and the series scope, and relays the problem as an ApiError', async () => {
    const api = conflicting();
    const service = new RemoteTaskService('http://api.test/api/v1', 'the-token', api.fetch);
    const failure = await service
      .update('ignored', 't/1', { title: 'x' }, 3, 'occurrence')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 409,
      code: 'version_conflict',
      message: 'the task is at version 4',
      fields: [{ path: 'version', message: 'expected 3' }],
    });
    expect(api.sent).toEqual([
      {
        method: 'PATCH',
        url: 'http://api.test/api/v1/tasks/t%2F1?scope=occurrence',
        ifMatch: '"3"',
        authorization: 'Bearer the-token',
      },
    ]);
  });

  it('lists with the parsed query written back as the API reads it', async () => {
    const api = conflicting();
    const service = new RemoteTaskService('http://api.test/api/v1', 'the-token', api.fetch);
    await service
      .list('ignored', {
        status: ['pending', 'in_progress'],
        overdue: true,
        sort: 'due',
        order: 'asc',
        limit: 20,
        tags_mode: 'any',
        q: undefined,
      })
      .catch(() => undefined);
    expect(api.sent[0]?.url).toBe(
      'http://api.test/api/v1/tasks?status=pending,in_progress&overdue=true&sort=due&order=asc&limit=20&tags_mode=any',
    );
  });
});
