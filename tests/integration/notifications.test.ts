import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sidecarClient } from '../../stack/sidecar-client.ts';
import { PUBSUB_NAME, topics, type EventEnvelope } from '../../schemas/events.ts';
import { apiAs } from '../support/api.ts';
import { testDatabase } from '../support/database.ts';
import { daprDelivery, eventsFor } from '../support/events.ts';
import { eventually } from '../support/eventually.ts';
import { envelopeFor } from '../support/fixtures.ts';
import { collectTopic } from '../support/kafka.ts';
import { reminderMailTo, verifyEmail } from '../support/mailbox.ts';
import type { Task } from '../../schemas/task.ts';
import { LEASE_SECONDS } from '../../host/notifier/notification-history.ts';

const stack = inject('stack');
const db = testDatabase();
// As the actor host: only it may publish the task topics (pub/sub scopes).
const publisher = sidecarClient(stack, 'todo-actors');
/** A delivery as the notifier's sidecar makes it: with the notifier's app token. */
const asSidecar = {
  'content-type': 'application/cloudevents+json',
  'dapr-api-token': stack.mesh.tokens['todo-notifier'].app,
};
let reminders: Awaited<ReturnType<typeof collectTopic>>;

beforeAll(async () => {
  reminders = await collectTopic(topics.reminders);
});
afterAll(() => reminders.stop());

async function userWithMail(zone = 'Europe/Berlin') {
  const address = `${randomUUID()}@example.test`;
  const api = await apiAs(`mail-${randomUUID()}`);
  await api.call('PATCH', '/me', { email: address, time_zone: zone });
  await verifyEmail(address);
  return { api, address };
}

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

async function taskWithFiredReminder(api: Awaited<ReturnType<typeof apiAs>>, title: string) {
  const created = await api.post('/tasks', {
    title,
    due_at: inSeconds(3600),
    reminders: [{ at: inSeconds(2) }],
  });
  const id = String(created.body!.id);
  const [event] = await eventually('reminder.due', async () => {
    const found = eventsFor(reminders.messages, id);
    return found.length > 0 ? found : undefined;
  });
  return { id, event: event! };
}

/** A reminder.due event for a task, as the TaskActor would publish it when a reminder fires now. */
function reminderDue(task: Task) {
  const now = inSeconds(0);
  return envelopeFor('reminder.due', task, {
    task,
    reminder: { id: `at:${now}`, offset: null, at: now, fire_at: now, fired_at: now },
  });
}

async function statusOf(eventId: string) {
  const { rows } = await db.query<{ status: string; detail: string | null }>(
    'select status, detail from notification_history where event_id = $1',
    [eventId],
  );
  return rows[0];
}

describe('reminder e-mails', () => {
  it('a due reminder sends exactly one e-mail, in the user’s time zone, with a link', async () => {
    const { api, address } = await userWithMail('America/New_York');
    const { id, event } = await taskWithFiredReminder(api, 'Renew passport');
    const [mail] = await eventually('the e-mail', async () => {
      const found = await reminderMailTo(address);
      return found.length > 0 ? found : undefined;
    });
    expect(mail!.subject).toMatch(
      /^Reminder: Renew passport \(due \w{3}, \d{1,2} \w{3} \d{4}, \d\d:\d\d \(America\/New_York\)\)$/,
    );
    expect(mail!.text).toContain(`/#/tasks/${id}`);
    expect(mail!.html).toContain('Renew passport');
    expect(mail!.headers['message-id']).toBe(`<${event.event_id}@todo-chatbot>`);
    // The mail reaches the sink a moment before the notifier records it as sent.
    await eventually('the history row', async () =>
      (await statusOf(event.event_id))?.status === 'sent' ? true : undefined,
    );
    expect(await reminderMailTo(address)).toHaveLength(1);
  });

  it('sends nothing more when the same event is delivered again', async () => {
    const { api, address } = await userWithMail();
    const { event } = await taskWithFiredReminder(api, 'Delivered twice');
    await eventually('the first e-mail', async () =>
      (await reminderMailTo(address)).length === 1 ? true : undefined,
    );
    await publisher.publish(PUBSUB_NAME, topics.reminders, event, { partitionKey: event.task_id });
    // A marker on the same partition: once its mail is there, the duplicate was consumed too.
    const { address: markerAddress, api: markerApi } = await userWithMail();
    const marker = await markerApi.post('/tasks', { title: 'marker' });
    const markerEvent = reminderDue(marker.body as unknown as Task);
    await publisher.publish(PUBSUB_NAME, topics.reminders, markerEvent, {
      partitionKey: event.task_id,
    });
    await eventually('the marker e-mail', async () =>
      (await reminderMailTo(markerAddress)).length === 1 ? true : undefined,
    );
    expect(await reminderMailTo(address)).toHaveLength(1);
  });

  it('two notifier replicas handed the same event at the same moment send one e-mail', async () => {
    const { api, address } = await userWithMail();
    const { event } = await taskWithFiredReminder(api, 'Raced by two replicas');
    await eventually('the e-mail', async () =>
      (await reminderMailTo(address)).length === 1 ? true : undefined,
    );
    // Deliver the same event, as Dapr would, straight to both replicas at once, three times each.
    const fresh: EventEnvelope = { ...event, event_id: randomUUID() };
    const deliveries = ['todo-notifier-1', 'todo-notifier-2'].flatMap((name) =>
      Array.from({ length: 3 }, () =>
        fetch(
          `http://127.0.0.1:${stack.apps[name as 'todo-notifier-1'].appPort}/events/reminders`,
          {
            method: 'POST',
            headers: asSidecar,
            body: JSON.stringify(daprDelivery(fresh)),
          },
        ).then(async (response) => ((await response.json()) as { status: string }).status),
      ),
    );
    const statuses = await Promise.all(deliveries);
    expect(statuses.every((status) => status === 'SUCCESS' || status === 'RETRY')).toBe(true);
    await eventually('the claim to settle', async () =>
      (await statusOf(fresh.event_id))?.status === 'sent' ? true : undefined,
    );
    expect(await reminderMailTo(address)).toHaveLength(2);
  });

  it('a claim left by a replica that died mid-send is waited out and taken over: one e-mail', async () => {
    const { api, address } = await userWithMail();
    const created = await api.post('/tasks', { title: 'Orphaned claim', due_at: inSeconds(3600) });
    const task = created.body as unknown as Task;
    const due = reminderDue(task);
    // The dead replica's claim, two seconds short of its lease.
    await db.query(
      `insert into notification_history (event_id, user_id, task_id, status, claimed_by, claimed_at)
       values ($1, $2, $3, 'sending', 'todo-notifier-dead', now() - make_interval(secs => $4))`,
      [due.event_id, task.user_id, task.id, LEASE_SECONDS - 2],
    );
    const delivered = await fetch(
      `http://127.0.0.1:${stack.apps['todo-notifier-1'].appPort}/events/reminders`,
      {
        method: 'POST',
        headers: asSidecar,
        body: JSON.stringify(daprDelivery(due)),
      },
    );
    expect(((await delivered.json()) as { status: string }).status).toBe('SUCCESS');
    expect(await statusOf(due.event_id)).toMatchObject({ status: 'sent' });
    expect(await reminderMailTo(address)).toHaveLength(1);
    const { rows } = await db.query<{ n: string }>(
      'select count(*) as n from dead_letters where payload::text like $1',
      [`%${due.event_id}%`],
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('sends nothing for a task completed since the reminder fired', async () => {
    const { api, address } = await userWithMail();
    const created = await api.post('/tasks', { title: 'Done already' });
    const task = created.body as unknown as Task;
    await api.post(`/tasks/${task.id}/complete`);
    const stale = reminderDue(task);
    await publisher.publish(PUBSUB_NAME, topics.reminders, stale, { partitionKey: task.id });
    expect(
      await eventually('the skip', async () => {
        const status = await statusOf(stale.event_id);
        return status && status.status !== 'sending' ? status : undefined;
      }),
    ).toEqual({
      status: 'skipped',
      detail: 'task completed',
    });
    expect(await reminderMailTo(address)).toEqual([]);
  });
});
