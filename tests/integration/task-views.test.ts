import { Temporal } from '@js-temporal/polyfill';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import { apiAs, problemPaths } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The views of the web page over REST: `GET /tasks?view=`, `GET /tasks/counts`, and a series'
 * next occurrences. The user lives in Kolkata (+05:30), so "today" is not the server's UTC day.
 */
type Api = Awaited<ReturnType<typeof apiAs>>;
const ZONE = 'Asia/Kolkata';
let api: Api;
const ids: Record<string, string> = {};

const local = (date: Temporal.PlainDate, time: string) =>
  date.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(ZONE).toInstant().toString();

async function create(key: string, body: Record<string, unknown>): Promise<Task> {
  const response = await api.post('/tasks', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const task = response.body as unknown as Task;
  ids[key] = task.id;
  return task;
}

const keysOf = (items: Task[]) =>
  items.map((task) => Object.entries(ids).find(([, id]) => id === task.id)?.[0]);

async function view(name: string, extra = ''): Promise<Task[]> {
  const response = await api.get(`/tasks?view=${name}${extra}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body as { items: Task[] }).items;
}

beforeAll(async () => {
  api = await apiAs(`views-${randomUUID()}`);
  expect((await api.call('PATCH', '/me', { time_zone: ZONE })).status).toBe(200);
  const today = Temporal.Now.plainDateISO(ZONE);
  await create('overdue', {
    title: 'Renew passport',
    due_at: local(today.subtract({ days: 3 }), '10:00'),
  });
  // The last second of the user's today: still today (and not yet overdue) wherever UTC is.
  await create('tonight', { title: 'Lock the shed', due_at: local(today, '23:59:59') });
  await create('tomorrow', { title: 'Buy rice', due_at: local(today.add({ days: 1 }), '00:00') });
  await create('later', { title: 'Dentist', due_at: local(today.add({ days: 9 }), '15:00') });
  await create('someday', { title: 'Learn the sitar' });
  const done = await create('done', { title: 'File taxes', due_at: local(today, '09:00') });
  expect((await api.post(`/tasks/${done.id}/complete`)).status).toBe(200);
  await eventually('the projection of the six tasks', async () =>
    (await view('all')).length === 6 && (await view('completed')).length === 1 ? true : undefined,
  );
});

describe('the views of a day, in the user’s zone', () => {
  it('today holds what is due by the end of the user’s day, overdue included', async () => {
    expect(keysOf(await view('today'))).toEqual(['overdue', 'tonight']);
  });

  it('upcoming starts at the user’s midnight; overdue is what has passed and is open', async () => {
    expect(keysOf(await view('upcoming'))).toEqual(['tomorrow', 'later']);
    expect(keysOf(await view('overdue'))).toEqual(['overdue']);
  });

  it('completed lists what was closed, most recent first; all lists everything', async () => {
    expect(keysOf(await view('completed'))).toEqual(['done']);
    expect(new Set(keysOf(await view('all')))).toEqual(new Set(Object.keys(ids)));
  });

  it('counts every view, and a search narrows every count alike', async () => {
    const counts = await api.get('/tasks/counts');
    expect(counts.body).toEqual({ today: 2, upcoming: 2, overdue: 1, completed: 1, all: 6 });
    const narrowed = await api.get('/tasks/counts?q=passport');
    expect(narrowed.body).toEqual({ today: 1, upcoming: 0, overdue: 1, completed: 0, all: 1 });
  });

  it('refuses a view together with a field it sets, naming the field', async () => {
    const refused = await api.get('/tasks?view=today&status=completed');
    expect(refused.status).toBe(400);
    expect(problemPaths(refused.body)).toEqual(['status']);
    expect((await api.get('/tasks?view=yesterday')).status).toBe(400);
    expect((await api.get('/tasks/counts?status=pending')).status).toBe(400);
    // Other methods on the views' own paths are 405, not taken for a task id.
    const patched = await api.call('PATCH', '/tasks/counts', {});
    expect([patched.status, patched.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect((await api.post(`/tasks/${ids.tonight}/occurrences`)).status).toBe(405);
  });
});

describe('the next occurrences of a series', () => {
  it('are the next due dates of the rule, on the wall clock of the task’s zone', async () => {
    const first = local(Temporal.Now.plainDateISO(ZONE).add({ days: 1 }), '08:30');
    const task = await create('weekly', {
      title: 'Yoga',
      due_at: first,
      recurrence: { frequency: 'weekly', count: 4 },
    });
    const answer = await api.get(`/tasks/${task.id}/occurrences?count=5`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const start = Temporal.Instant.from(first).toZonedDateTimeISO(ZONE);
    // COUNT=4: three after this one, then the series ends.
    expect(answer.body).toEqual({
      task_id: task.id,
      repeat_from: 'due',
      projected: false,
      occurrences: [1, 2, 3].map((weeks) => ({
        due_at: start.add({ weeks }).toInstant().toString({ smallestUnit: 'millisecond' }),
      })),
    });
  });

  it('are none for a one-off task, and nobody else’s to read', async () => {
    const answer = await api.get(`/tasks/${ids.someday}/occurrences`);
    expect(answer.body).toMatchObject({ repeat_from: null, occurrences: [] });
    const stranger = await apiAs(`views-${randomUUID()}`);
    expect((await stranger.get(`/tasks/${ids.weekly}/occurrences`)).status).toBe(404);
    expect((await api.get(`/tasks/${ids.weekly}/occurrences?count=21`)).status).toBe(400);
  });
});
