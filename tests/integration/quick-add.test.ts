import { randomUUID } from 'node:crypto';
import { Temporal } from '@js-temporal/polyfill';
import { describe, expect, it } from 'vitest';
import type { QuickAddPreview } from '../../schemas/quick-add.ts';
import type { Task } from '../../schemas/task.ts';
import { apiAs, problemPaths } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

/** Quick add: POST /tasks/parse reads a line into the task it would create, and writes nothing. */

const ZONE = 'America/New_York';

async function newUser() {
  const api = await apiAs(`quick-add-${randomUUID()}`);
  expect((await api.call('PATCH', '/me', { time_zone: ZONE })).status).toBe(200);
  return api;
}

const wallClock = (instant: string) =>
  Temporal.Instant.from(instant).toZonedDateTimeISO(ZONE).toPlainDateTime();

describe('quick add', () => {
  it('previews the issue’s example in the user’s zone without writing, and POST /tasks with its body makes that task', async () => {
    const api = await newUser();
    const parsed = await api.post('/tasks/parse', {
      text: 'pay rent on the 1st of every month at 9am #home !high',
    });
    expect(parsed.status).toBe(200);
    const { task, preview, time_zone } = parsed.body as unknown as QuickAddPreview;
    expect(time_zone).toBe(ZONE);
    expect(task).toMatchObject({
      title: 'Pay rent',
      priority: 'high',
      tags: ['home'],
      reminders: [],
      recurrence: { frequency: 'monthly', interval: 1, day_of_month: 1, repeat_from: 'due' },
    });
    // The next 1st at 09:00 New York time.
    const due = wallClock(task.due_at!);
    expect([due.day, due.hour, due.minute]).toEqual([1, 9, 0]);
    expect(Date.parse(task.due_at!) - Date.now()).toBeGreaterThan(0);
    expect(Date.parse(task.due_at!) - Date.now()).toBeLessThan(32 * 86_400_000);
    expect(preview).toMatch(
      /^Pay rent — monthly on the 1st, 09:00, from \w{3} 1 \w{3}( \d{4})?; #home; high priority$/,
    );

    const created = await api.post('/tasks', task);
    expect(created.status).toBe(201);
    const stored = created.body as unknown as Task;
    expect(stored).toMatchObject({
      title: 'Pay rent',
      priority: 'high',
      tags: ['home'],
      due_at: task.due_at,
      time_zone: ZONE,
      reminders: [],
      recurrence: { repeat_from: 'due', dtstart: task.due_at },
    });
    expect(stored.recurrence!.rrule).toMatch(/FREQ=MONTHLY/);
    expect(stored.recurrence!.rrule).toMatch(/BYMONTHDAY=1\b/);

    // The parse wrote nothing: once the created task is listed, it is the only one.
    const listed = await eventually('the created task listed', async () => {
      const page = await api.get('/tasks?status=pending,in_progress,completed,skipped');
      const items = (page.body as { items: Task[] }).items;
      expect(items.map((item) => item.id)).toContain(stored.id);
      return items;
    });
    expect(listed.map((item) => item.id)).toEqual([stored.id]);
  });

  it('carries a reminder through: the created task fires it 30 minutes before due', async () => {
    const api = await newUser();
    const parsed = await api.post('/tasks/parse', {
      text: 'call mum tomorrow at 6pm remind me 30 minutes before',
    });
    expect(parsed.status).toBe(200);
    const { task, preview } = parsed.body as unknown as QuickAddPreview;
    expect(task).toMatchObject({ title: 'Call mum', reminders: [{ offset: '-PT30M' }] });
    expect(wallClock(task.due_at!).hour).toBe(18);
    expect(preview).toMatch(
      /^Call mum — \w{3} \d{1,2} \w{3}( \d{4})?, 18:00; reminder 30 min before$/,
    );

    const created = await api.post('/tasks', task);
    expect(created.status).toBe(201);
    const stored = created.body as unknown as Task;
    expect(stored.due_at).toBe(task.due_at);
    expect(stored.reminders).toHaveLength(1);
    expect(stored.reminders[0]).toMatchObject({
      offset: '-PT30M',
      fire_at: new Date(Date.parse(task.due_at!) - 30 * 60_000).toISOString(),
    });
  });

  it('refuses what it cannot make a task of with a stable code, and too long a text as a bad request', async () => {
    const api = await newUser();
    const noTitle = await api.post('/tasks/parse', { text: 'tomorrow at 5pm #home !high' });
    expect(noTitle.status).toBe(422);
    expect(noTitle.problem).toBe(true);
    expect(noTitle.body?.code).toBe('quick_add_no_title');

    const invalid = await api.post('/tasks/parse', { text: 'pay rent on the 45th of every month' });
    expect(invalid.status).toBe(422);
    expect(invalid.body?.code).toBe('quick_add_invalid_task');

    const long = await api.post('/tasks/parse', { text: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    expect(problemPaths(long.body)).toEqual(['text']);

    const other = await api.call('GET', '/tasks/parse');
    expect(other.status).toBe(405);

    const page = await api.get('/tasks?status=pending,in_progress,completed,skipped');
    expect((page.body as { items: Task[] }).items).toEqual([]);
  });
});
