import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { occurrenceId } from '../../actors/task/occurrence-id.ts';
import { topics } from '../../schemas/events.ts';
import type { Task } from '../../schemas/task.ts';
import { apiAs, problemPaths } from '../support/api.ts';
import { eventsFor } from '../support/events.ts';
import { eventually } from '../support/eventually.ts';
import { collectTopic } from '../support/kafka.ts';

let taskEvents: Awaited<ReturnType<typeof collectTopic>>;
let reminders: Awaited<ReturnType<typeof collectTopic>>;
let api: Awaited<ReturnType<typeof apiAs>>;

beforeAll(async () => {
  [taskEvents, reminders] = await Promise.all([
    collectTopic(topics.taskEvents),
    collectTopic(topics.reminders),
  ]);
  api = await apiAs(`user-${randomUUID()}`);
});
afterAll(async () => {
  await Promise.all([taskEvents.stop(), reminders.stop()]);
});

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('a task’s life through the REST API', () => {
  it('publishes every change in order, each version once', async () => {
    const created = await api.post('/tasks', {
      title: 'Write report',
      priority: 'high',
      tags: ['work'],
      due_at: '2027-01-15T17:00:00+01:00',
      time_zone: 'Europe/Berlin',
      reminders: [{ offset: '-P1D' }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id = String(created.body!.id);

    const patched = await api.call(
      'PATCH',
      `/tasks/${id}`,
      { title: 'Write the report' },
      { 'if-match': '"1"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Write the report', version: 2 });

    const stale = await api.call(
      'PATCH',
      `/tasks/${id}`,
      { title: 'lost update' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict' });

    expect((await api.post(`/tasks/${id}/complete`)).body).toMatchObject({
      status: 'completed',
      version: 3,
    });
    expect((await api.post(`/tasks/${id}/complete`)).body).toMatchObject({
      status: 'completed',
      version: 3,
    });
    expect((await api.post(`/tasks/${id}/reopen`)).body).toMatchObject({
      status: 'pending',
      version: 4,
    });
    expect((await api.call('DELETE', `/tasks/${id}`)).status).toBe(204);
    expect((await api.get(`/tasks/${id}`)).status).toBe(404);

    const events = await eventually('five events of the task', async () => {
      const found = eventsFor(taskEvents.messages, id);
      return found.length >= 5 ? found : undefined;
    });
    expect(events.map((e) => [e.event_type, e.version])).toEqual([
      ['task.created', 1],
      ['task.updated', 2],
      ['task.completed', 3],
      ['task.reopened', 4],
      ['task.deleted', 5],
    ]);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(5);
  });

  it('answers 400 with the fields for an invalid update and changes nothing', async () => {
    const created = await api.post('/tasks', { title: 'x' });
    const id = String(created.body!.id);
    const response = await api.call('PATCH', `/tasks/${id}`, {
      priority: 'someday',
      due_at: 'never',
    });
    expect(response.status).toBe(400);
    expect(problemPaths(response.body)).toEqual(['due_at', 'priority']);
    expect((await api.get(`/tasks/${id}`)).body).toMatchObject({ version: 1 });
  });
});

describe('reminders', () => {
  it('fire at their time: reminder.due reaches Kafka once', async () => {
    const fireAt = inSeconds(3);
    const created = await api.post('/tasks', {
      title: 'Call the dentist',
      reminders: [{ at: fireAt }],
    });
    const id = String(created.body!.id);
    const [due] = await eventually('reminder.due', async () => {
      const found = eventsFor(reminders.messages, id);
      return found.length > 0 ? found : undefined;
    });
    const lateness = Date.parse(due!.occurred_at) - Date.parse(fireAt);
    console.log(`[reminder] fired ${lateness} ms after its due instant`);
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(due).toMatchObject({
      event_type: 'reminder.due',
      task_id: id,
      data: { reminder: { fire_at: new Date(fireAt).toISOString() } },
    });

    // Fired is recorded; the task now says so, and nothing is sent twice.
    const task = (await api.get(`/tasks/${id}`)).body as unknown as Task;
    expect(task.reminders[0]!.fired_at).not.toBeNull();
    expect(eventsFor(reminders.messages, id)).toHaveLength(1);
  });

  it('never fire for a completed task', async () => {
    const completed = await api.post('/tasks', {
      title: 'done early',
      reminders: [{ at: inSeconds(3) }],
    });
    const completedId = String(completed.body!.id);
    await api.post(`/tasks/${completedId}/complete`);
    // A second task whose reminder is due after the first one's: once it has fired, the
    // completed task's reminder would have fired too.
    const witness = await api.post('/tasks', {
      title: 'witness',
      reminders: [{ at: inSeconds(5) }],
    });
    const witnessId = String(witness.body!.id);
    await eventually('the witness reminder', async () =>
      eventsFor(reminders.messages, witnessId).length > 0 ? true : undefined,
    );
    expect(eventsFor(reminders.messages, completedId)).toEqual([]);
  });
});

describe('recurrence', () => {
  it('a completion sent twice concurrently creates exactly one next occurrence', async () => {
    const due = '2026-11-30T08:00:00.000Z';
    const created = await api.post('/tasks', {
      title: 'Weekly review',
      due_at: due,
      time_zone: 'Europe/Berlin',
      recurrence: { frequency: 'weekly', days_of_week: [1] },
      reminders: [{ offset: '-PT15M' }],
    });
    const id = String(created.body!.id);
    const [first, second] = await Promise.all([
      api.post(`/tasks/${id}/complete`),
      api.post(`/tasks/${id}/complete`),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);

    const nextId = occurrenceId(id, '2026-12-07T08:00:00.000Z');
    const next = await eventually('the next occurrence', async () => {
      const response = await api.get(`/tasks/${nextId}`);
      return response.status === 200 ? (response.body as unknown as Task) : undefined;
    });
    expect(next).toMatchObject({
      title: 'Weekly review',
      status: 'pending',
      due_at: '2026-12-07T08:00:00.000Z',
      series_id: id,
      parent_task_id: id,
      occurrence_index: 2,
      version: 1,
    });
    expect(next.reminders.map((r) => r.fire_at)).toEqual(['2026-12-07T07:45:00.000Z']);

    const completions = eventsFor(taskEvents.messages, id).filter(
      (e) => e.event_type === 'task.completed',
    );
    expect(completions).toHaveLength(1);
    const occurrences = await eventually('task.occurrence_created', async () => {
      const found = eventsFor(taskEvents.messages, nextId);
      return found.length > 0 ? found : undefined;
    });
    expect(occurrences.map((e) => e.event_type)).toEqual(['task.occurrence_created']);
  });
});

describe('correlation', () => {
  it('carries the caller’s x-correlation-id into the actor call and the events', async () => {
    const correlationId = `corr-${randomUUID()}`;
    const created = await api.post(
      '/tasks',
      { title: 'traced' },
      { 'x-correlation-id': correlationId },
    );
    expect(created.headers.get('x-correlation-id')).toBe(correlationId);
    const [event] = await eventually('the event', async () => {
      const found = eventsFor(taskEvents.messages, String(created.body!.id));
      return found.length > 0 ? found : undefined;
    });
    expect(event!.correlation_id).toBe(correlationId);
  });
});
