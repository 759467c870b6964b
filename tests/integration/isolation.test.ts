import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Authorization matrix of the REST API: user B against user A's task. Every case must look
 * exactly like a task that does not exist.
 */
type Api = Awaited<ReturnType<typeof apiAs>>;
let alice: Api;
let bob: Api;
let taskId: string;

beforeAll(async () => {
  [alice, bob] = await Promise.all([apiAs(`alice-${randomUUID()}`), apiAs(`bob-${randomUUID()}`)]);
  const created = await alice.post('/tasks', { title: 'Alice’s secret plan', tags: ['secret'] });
  taskId = String(created.body!.id);
  await eventually('the projection', async () => {
    const page = (await alice.get('/tasks?q=secret')).body as { items: unknown[] };
    return page.items.length === 1 ? true : undefined;
  });
});

describe('another user', () => {
  it.each([
    ['read', 'GET', '', undefined],
    ['update', 'PATCH', '', { title: 'hijacked' }],
    ['complete', 'POST', '/complete', undefined],
    ['reopen', 'POST', '/reopen', undefined],
    ['delete', 'DELETE', '', undefined],
  ] as const)('cannot %s the task (404 task_not_found)', async (_action, method, suffix, body) => {
    const response = await bob.call(method, `/tasks/${taskId}${suffix}`, body);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'task_not_found' });
  });

  it.each(['', '?q=secret', '?tags=secret', '?status=pending&limit=100'])(
    'finds nothing listing %s',
    async (query) => {
      const page = (await bob.get(`/tasks${query}`)).body as { items: { id: string }[] };
      expect(page.items.map((task) => task.id)).not.toContain(taskId);
    },
  );

  it('left the task untouched', async () => {
    expect((await alice.get(`/tasks/${taskId}`)).body).toMatchObject({
      title: 'Alice’s secret plan',
      status: 'pending',
      version: 1,
    });
  });
});
