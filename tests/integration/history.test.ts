import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

describe('history and audit', () => {
  it('lists a task’s events in order, once each; another user gets 404', async () => {
    const api = await apiAs(`history-${randomUUID()}`);
    const created = await api.post('/tasks', { title: 'v1' });
    const id = String(created.body!.id);
    await api.call('PATCH', `/tasks/${id}`, { title: 'v2' });
    await api.post(`/tasks/${id}/complete`);
    await api.post(`/tasks/${id}/reopen`);
    const history = await eventually('four events in the history', async () => {
      const response = await api.get(`/tasks/${id}/history`);
      const items = (response.body?.items ?? []) as {
        event_type: string;
        version: number;
        event_id: string;
      }[];
      return items.length >= 4 ? items : undefined;
    });
    expect(history.map((e) => [e.event_type, e.version])).toEqual([
      ['task.created', 1],
      ['task.updated', 2],
      ['task.completed', 3],
      ['task.reopened', 4],
    ]);
    expect(new Set(history.map((e) => e.event_id)).size).toBe(4);

    const stranger = await apiAs(`history-${randomUUID()}`);
    expect((await stranger.get(`/tasks/${id}/history`)).status).toBe(404);
    expect(((await stranger.get('/audit')).body as { items: unknown[] }).items).toEqual([]);
  });

  it('pages the caller’s audit trail newest first', async () => {
    const api = await apiAs(`audit-${randomUUID()}`);
    for (const title of ['a', 'b', 'c']) await api.post('/tasks', { title });
    await eventually('three audit rows', async () =>
      ((await api.get('/audit')).body as { items: unknown[] }).items.length === 3
        ? true
        : undefined,
    );
    const first = (await api.get('/audit?limit=2')).body as {
      items: { data: { task: { title: string } } }[];
      next_cursor: string;
    };
    expect(first.items.map((e) => e.data.task.title)).toEqual(['c', 'b']);
    const second = (await api.get(`/audit?limit=2&cursor=${first.next_cursor}`)).body as {
      items: { data: { task: { title: string } } }[];
      next_cursor: string | null;
    };
    expect(second.items.map((e) => e.data.task.title)).toEqual(['a']);
    expect(second.next_cursor).toBeNull();
    expect((await api.get('/audit?cursor=abc')).status).toBe(400);
  });
});
