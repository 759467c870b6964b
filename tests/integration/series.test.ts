import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { occurrenceId } from '../../actors/task/occurrence-id.ts';
import { topics } from '../../schemas/events.ts';
import type { Task } from '../../schemas/task.ts';
import { apiAs } from '../support/api.ts';
import { envelopeOf, eventsFor } from '../support/events.ts';
import { eventually } from '../support/eventually.ts';
import { collectTopic } from '../support/kafka.ts';

let taskEvents: Awaited<ReturnType<typeof collectTopic>>;
let api: Awaited<ReturnType<typeof apiAs>>;

beforeAll(async () => {
  taskEvents = await collectTopic(topics.taskEvents);
  api = await apiAs(`series-${randomUUID()}`);
});
afterAll(async () => {
  await taskEvents.stop();
});

const DAY_MS = 86_400_000;
/** A due instant `ms` from now, on a whole second. */
const dueIn = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000).toISOString();
const plusDays = (instant: string, days: number) =>
  new Date(Date.parse(instant) + days * DAY_MS).toISOString();
const untilInstant = (instant: string) => sleep(Math.max(0, Date.parse(instant) - Date.now()));

async function createDaily(title: string, dueAt: string, recurrence: Record<string, unknown> = {}) {
  const created = await api.post('/tasks', {
    title,
    due_at: dueAt,
    time_zone: 'UTC',
    recurrence: { frequency: 'daily', ...recurrence },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as unknown as Task;
}

const getTask = async (id: string) => {
  const response = await api.get(`/tasks/${id}`);
  return response.status === 200 ? (response.body as unknown as Task) : undefined;
};

const historyTypes = async (id: string) =>
  ((await api.get(`/tasks/${id}/history`)).body!.items as { event_type: string }[]).map(
    (entry) => entry.event_type,
  );

/** Distinct occurrences created in a series, as the events on Kafka tell. */
const occurrencesOf = (seriesId: string) =>
  new Set(
    taskEvents.messages
      .map(envelopeOf)
      .filter(
        (event) =>
          event.event_type === 'task.occurrence_created' &&
          (event.data as { task: Task }).task.series_id === seriesId,
      )
      .map((event) => event.task_id),
  );

describe('a series advances on its own', () => {
  it('a daily task never completed has its next occurrence within 2 s of its due instant', async () => {
    const due = dueIn(4_000);
    const task = await createDaily('Water the plants', due);
    const nextId = occurrenceId(task.id, plusDays(due, 1));

    await untilInstant(due);
    const next = await eventually('the next occurrence', () => getTask(nextId), {
      timeoutMs: Math.max(0, Date.parse(due) + 2_000 - Date.now()),
      intervalMs: 50,
    });
    expect(next).toMatchObject({
      title: 'Water the plants',
      status: 'pending',
      due_at: plusDays(due, 1),
      series_id: task.id,
      parent_task_id: task.id,
      occurrence_index: 2,
    });
    // missed: keep (the default): the missed occurrence stays open and overdue.
    expect(await getTask(task.id)).toMatchObject({ status: 'pending' });
    const overdue = await eventually('the overdue list', async () => {
      const page = (await api.get('/tasks?overdue=true&limit=100')).body as { items: Task[] };
      return page.items.some((item) => item.id === task.id) ? page.items : undefined;
    });
    expect(overdue.map((item) => item.id)).toContain(task.id);
    await eventually('the history', async () =>
      (await historyTypes(task.id)).includes('task.series_advanced') ? true : undefined,
    );
  });

  it('completing at the moment the due reminder fires still yields exactly one next occurrence (20 races)', async () => {
    const races: { task: Task; due: string }[] = [];
    for (let round = 0; round < 4; round++) {
      const due = dueIn(2_000);
      const tasks = await Promise.all(
        Array.from({ length: 5 }, (_, index) => createDaily(`race ${round}.${index}`, due)),
      );
      // Both contenders are armed: the series reminder is in the scheduler before the due time.
      const inspected = (await api.get(`/inspect/tasks/${tasks[0]!.id}`)).body!;
      expect(inspected.series_reminder ?? null).not.toBeNull();
      // Spread around the due instant, so that either contender wins some of the races.
      const completions = await Promise.all(
        tasks.map(async (task, index) => {
          await untilInstant(new Date(Date.parse(due) + (index - 3) * 100).toISOString());
          return api.post(`/tasks/${task.id}/complete`);
        }),
      );
      expect(completions.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      races.push(...tasks.map((task) => ({ task, due })));
    }

    for (const { task, due } of races) {
      const nextId = occurrenceId(task.id, plusDays(due, 1));
      await eventually(`the next occurrence of ${task.title}`, () => getTask(nextId));
      await eventually(`its event on Kafka (${task.title})`, async () =>
        occurrencesOf(task.id).size > 0 ? true : undefined,
      );
    }
    // Let any second contender finish before counting.
    await sleep(1_500);
    for (const { task, due } of races) {
      expect([...occurrencesOf(task.id)], task.title).toEqual([
        occurrenceId(task.id, plusDays(due, 1)),
      ]);
      const created = eventsFor(taskEvents.messages, occurrenceId(task.id, plusDays(due, 1)))
        .filter((event) => event.event_type === 'task.occurrence_created')
        .map((event) => event.event_id);
      expect(new Set(created).size, task.title).toBe(1);
    }
    expect(races).toHaveLength(20);
  });

  it('missed: skip closes the missed occurrence as skipped, and the series goes on', async () => {
    const due = dueIn(3_000);
    const task = await createDaily('Stretch', due, { missed: 'skip' });
    expect(task.recurrence).toMatchObject({ missed: 'skip' });
    const skipped = await eventually(
      'the missed occurrence skipped',
      async () => {
        const current = await getTask(task.id);
        return current?.status === 'skipped' ? current : undefined;
      },
      { timeoutMs: 15_000 },
    );
    expect(skipped.completed_at).toBeNull();
    expect(
      await eventually('the next one', () => getTask(occurrenceId(task.id, plusDays(due, 1)))),
    ).toMatchObject({ status: 'pending' });
    // Lists, filters and counters know the status.
    await eventually('the skipped list', async () => {
      const page = (await api.get('/tasks?status=skipped')).body as { items: Task[] };
      return page.items.some((item) => item.id === task.id) ? true : undefined;
    });
    const overdue = (await api.get('/tasks?overdue=true&limit=100')).body as { items: Task[] };
    expect(overdue.items.map((item) => item.id)).not.toContain(task.id);
    await eventually('the skipped counter', async () => {
      const me = (await api.get('/me')).body as { counters: { tasks_skipped: number } };
      return me.counters.tasks_skipped >= 1 ? true : undefined;
    });
    await eventually('the history', async () =>
      (await historyTypes(task.id)).includes('task.skipped') ? true : undefined,
    );
  });
});

describe('POST /tasks/{id}/skip', () => {
  it('closes the occurrence as skipped and creates the next; twice is harmless', async () => {
    const due = '2027-03-01T08:00:00.000Z';
    const task = await createDaily('Weekly sync', due, { frequency: 'weekly' });
    const skipped = await api.post(`/tasks/${task.id}/skip`);
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ status: 'skipped', version: 2 });
    const nextId = occurrenceId(task.id, '2027-03-08T08:00:00.000Z');
    expect(await getTask(nextId)).toMatchObject({ status: 'pending', occurrence_index: 2 });
    const again = await api.post(`/tasks/${task.id}/skip`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'skipped', version: 2 });
    // Reopening undoes the skip; the series keeps its one next occurrence.
    const reopened = await api.post(`/tasks/${task.id}/reopen`);
    expect(reopened.body).toMatchObject({ status: 'pending' });
    await api.post(`/tasks/${task.id}/complete`);
    await eventually('the history', async () => {
      const types = await historyTypes(task.id);
      return types.includes('task.skipped') && types.includes('task.completed') ? true : undefined;
    });
    expect([...occurrencesOf(task.id)]).toEqual([nextId]);
  });

  it('answers 409 for a task that does not recur, and for a completed one', async () => {
    const plain = await api.post('/tasks', { title: 'once' });
    const refused = await api.post(`/tasks/${String(plain.body!.id)}/skip`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'task_not_recurring' });

    const task = await createDaily('done already', '2027-03-01T08:00:00.000Z');
    await api.post(`/tasks/${task.id}/complete`);
    const closed = await api.post(`/tasks/${task.id}/skip`);
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ code: 'task_not_open' });
  });
});

describe('delete and edit with a scope', () => {
  const due = '2027-05-03T07:00:00.000Z';
  const nextDue = '2027-05-04T07:00:00.000Z';

  it('delete with scope=occurrence (the default): the series goes on', async () => {
    const task = await createDaily('Feed the cat', due);
    expect((await api.call('DELETE', `/tasks/${task.id}`)).status).toBe(204);
    expect(await getTask(task.id)).toBeUndefined();
    expect(await getTask(occurrenceId(task.id, nextDue))).toMatchObject({
      title: 'Feed the cat',
      status: 'pending',
    });
  });

  it('delete with scope=series: the rule ends, and a later occurrence already created goes too', async () => {
    const fresh = await createDaily('Old habit', due);
    expect((await api.call('DELETE', `/tasks/${fresh.id}?scope=series`)).status).toBe(204);
    expect(await getTask(occurrenceId(fresh.id, nextDue))).toBeUndefined();

    const task = await createDaily('Another old habit', due);
    await api.post(`/tasks/${task.id}/complete`);
    const nextId = occurrenceId(task.id, nextDue);
    expect(await getTask(nextId)).toBeDefined();
    expect((await api.call('DELETE', `/tasks/${task.id}?scope=series`)).status).toBe(204);
    await eventually('the later occurrence deleted', async () =>
      (await getTask(nextId)) === undefined ? true : undefined,
    );
  });

  it('edit with scope=occurrence changes this one only; scope=series carries on', async () => {
    const task = await createDaily('Read', due);
    const nextId = occurrenceId(task.id, nextDue);
    const alone = await api.call('PATCH', `/tasks/${task.id}?scope=occurrence`, {
      title: 'Read the paper',
    });
    expect(alone.status).toBe(200);
    expect(await getTask(nextId)).toMatchObject({ title: 'Read' });

    const all = await api.call('PATCH', `/tasks/${task.id}?scope=series`, { priority: 'high' });
    expect(all.status).toBe(200);
    await eventually('the change carried on', async () =>
      (await getTask(nextId))?.priority === 'high' ? true : undefined,
    );
    expect(await getTask(nextId)).toMatchObject({ title: 'Read', due_at: nextDue });
  });

  it('refuses an unknown scope with 400', async () => {
    const task = await createDaily('Scoped', due);
    const refused = await api.call('DELETE', `/tasks/${task.id}?scope=everything`);
    expect(refused.status).toBe(400);
    expect(await getTask(task.id)).toBeDefined();
  });
});

describe('yearly', () => {
  it('on 29 February falls on 28 February in a year without one', async () => {
    const created = await api.post('/tasks', {
      title: 'Leap day party',
      due_at: '2028-02-29T10:00:00+01:00',
      time_zone: 'Europe/Berlin',
      recurrence: { frequency: 'yearly', month: 2, day_of_month: 29 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = String(created.body!.id);
    await api.post(`/tasks/${id}/complete`);
    const next = await eventually('the next year', () =>
      getTask(occurrenceId(id, '2029-02-28T09:00:00.000Z')),
    );
    expect(next).toMatchObject({ due_at: '2029-02-28T09:00:00.000Z', occurrence_index: 2 });
  });
});
