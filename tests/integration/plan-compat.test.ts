import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import { apiAs, problemPaths } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

type Api = Awaited<ReturnType<typeof apiAs>>;

/**
 * The seed plan's clients, as its document shows them: naive date-times and plain dates in the
 * list query, `due_date` and `reminder_offset` in the body.
 */
describe("the seed plan's list query, in the caller's zone", () => {
  let api: Api;
  const ids: Record<string, string> = {};
  // Kolkata is UTC+05:30: its 15 May starts at 14 May 18:30 UTC, its 18 May ends at 18:30 UTC.
  const dues = {
    beforeStart: '2027-05-14T18:29:00Z',
    atStart: '2027-05-14T18:30:00Z',
    lastMinute: '2027-05-18T18:29:00Z',
    nextDay: '2027-05-18T18:30:00Z',
  };

  beforeAll(async () => {
    api = await apiAs(`plan-query-${randomUUID()}`);
    expect((await api.call('PATCH', '/me', { time_zone: 'Asia/Kolkata' })).status).toBe(200);
    for (const [key, due] of Object.entries(dues)) {
      const created = await api.post('/tasks', { title: key, due_date: due });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids[key] = String(created.body!.id);
    }
    await eventually('the tasks in the read model', async () => {
      const page = (await api.get('/tasks?limit=100')).body as { items: Task[] } | undefined;
      return page?.items.length === 4 ? true : undefined;
    });
  });

  const titles = async (query: string) => {
    const response = await api.get(`/tasks${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body as unknown as { items: Task[] }).items.map((task) => task.title).sort();
  };

  it('reads a naive start and a plain end date in the profile zone, the end day whole', async () => {
    expect(await titles('?due_date_start=2027-05-15T00:00:00&due_date_end=2027-05-18')).toEqual([
      'atStart',
      'lastMinute',
    ]);
  });

  it('takes plain dates at both ends, and naive date-times without seconds', async () => {
    expect(await titles('?due_from=2027-05-15&due_to=2027-05-18')).toEqual([
      'atStart',
      'lastMinute',
    ]);
    expect(await titles('?due_date_start=2027-05-15T00:00&due_date_end=2027-05-15T00:00')).toEqual([
      'atStart',
    ]);
  });

  it('keeps instants with offset as they are', async () => {
    expect(
      await titles('?due_date_start=2027-05-14T18:29:00Z&due_date_end=2027-05-18T18:30:00%2B00:00'),
    ).toEqual(['atStart', 'beforeStart', 'lastMinute', 'nextDay']);
  });

  it('refuses what is no date', async () => {
    const response = await api.get('/tasks?due_date_end=2027-02-30');
    expect(response.status).toBe(400);
    expect(problemPaths(response.body)).toEqual(['due_date_end']);
  });
});

describe("the seed plan's body names", () => {
  let api: Api;
  beforeAll(async () => {
    api = await apiAs(`plan-body-${randomUUID()}`);
  });

  it('creates with due_date and reminder_offset, and updates with due_date', async () => {
    const created = await api.post('/tasks', {
      title: 'Team standup',
      priority: 'high',
      tags: ['work', 'meeting'],
      due_date: '2027-01-04T10:00:00+01:00',
      reminder_offset: 'PT1H',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ due_at: '2027-01-04T09:00:00.000Z' });
    expect(created.body).not.toHaveProperty('due_date');
    expect((created.body!.reminders as { fire_at: string }[]).map((r) => r.fire_at)).toEqual([
      '2027-01-04T08:00:00.000Z',
    ]);

    const updated = await api.call('PATCH', `/tasks/${String(created.body!.id)}`, {
      due_date: '2027-01-05T10:00:00+01:00',
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ due_at: '2027-01-05T09:00:00.000Z' });
    expect((updated.body!.reminders as { fire_at: string }[]).map((r) => r.fire_at)).toEqual([
      '2027-01-05T08:00:00.000Z',
    ]);
  });

  it('takes both names when they agree, and refuses them when they differ', async () => {
    const agreeing = await api.post('/tasks', {
      title: 'same',
      due_at: '2027-01-04T09:00:00Z',
      due_date: '2027-01-04T10:00:00+01:00',
    });
    expect(agreeing.status, JSON.stringify(agreeing.body)).toBe(201);

    const differing = await api.post('/tasks', {
      title: 'different',
      due_at: '2027-01-04T09:00:00Z',
      due_date: '2027-01-05T09:00:00Z',
    });
    expect(differing.status).toBe(400);
    expect(differing.body!.code).toBe('validation_failed');
    expect(problemPaths(differing.body)).toEqual(['due_date']);

    const patch = await api.call('PATCH', `/tasks/${String(agreeing.body!.id)}`, {
      due_at: null,
      due_date: '2027-01-05T09:00:00Z',
    });
    expect(patch.status).toBe(400);
    expect(problemPaths(patch.body)).toEqual(['due_date']);
    const unchanged = await api.get(`/tasks/${String(agreeing.body!.id)}`);
    expect(unchanged.body).toMatchObject({ due_at: '2027-01-04T09:00:00.000Z', version: 1 });
  });
});
