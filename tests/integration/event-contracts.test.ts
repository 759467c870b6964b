import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { eventDataSchemas, topics, type EventType } from '../../schemas/events.ts';
import { repoRoot } from '../../stack/paths.ts';
import { apiAs } from '../support/api.ts';
import { envelopeOf, eventsFor } from '../support/events.ts';
import { eventually } from '../support/eventually.ts';
import { collectTopic } from '../support/kafka.ts';

const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const validators = Object.fromEntries(
  (Object.keys(eventDataSchemas) as EventType[]).map((type) => [
    type,
    ajv.compile(
      JSON.parse(
        readFileSync(
          join(repoRoot, 'schemas', 'contracts', 'events', `${type}.schema.json`),
          'utf8',
        ),
      ) as object,
    ),
  ]),
) as Record<EventType, ReturnType<typeof ajv.compile>>;

describe('events on Kafka', () => {
  it('every event on every topic validates against its committed JSON Schema', async () => {
    const api = await apiAs(`contracts-${randomUUID()}`);
    const collectors = await Promise.all(
      [topics.taskEvents, topics.reminders].map((topic) => collectTopic(topic)),
    );
    const [taskEvents, reminders] = collectors as [(typeof collectors)[0], (typeof collectors)[0]];
    // One task through every kind of event.
    const created = await api.post('/tasks', {
      title: 'Contract check',
      due_at: '2026-12-07T09:00:00Z',
      time_zone: 'Pacific/Auckland',
      reminders: [{ at: new Date(Date.now() + 1500).toISOString() }, { offset: '-PT1H' }],
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3', repeat_from: 'due' },
    });
    const id = String(created.body!.id);
    await api.call('PATCH', `/tasks/${id}`, { priority: 'urgent', tags: ['Contract'] });
    await eventually('the reminder', async () =>
      eventsFor(reminders.messages, id).length > 0 ? true : undefined,
    );
    const fired = (created.body!.reminders as { id: string; at: string | null }[]).find(
      (reminder) => reminder.at !== null,
    )!;
    const snoozed = await api.post(
      `/tasks/${id}/reminders/${encodeURIComponent(fired.id)}/snooze`,
      { for: 'PT1H' },
    );
    expect(snoozed.status).toBe(200);
    const completed = await api.post(`/tasks/${id}/complete`);
    expect(completed.status).toBe(200);
    await api.post(`/tasks/${id}/reopen`);
    await api.call('DELETE', `/tasks/${id}`);

    try {
      await eventually('all event kinds of the task', async () => {
        const own = [
          ...eventsFor(taskEvents.messages, id),
          ...eventsFor(reminders.messages, id),
        ].map((e) => e.event_type);
        const next = taskEvents.messages.some(
          (m) =>
            envelopeOf(m).event_type === 'task.occurrence_created' &&
            envelopeOf(m).data &&
            (envelopeOf(m).data as { task: { parent_task_id: string } }).task.parent_task_id === id,
        );
        return [
          'task.created',
          'task.updated',
          'task.completed',
          'task.reopened',
          'task.deleted',
          'reminder.due',
          'reminder.snoozed',
        ].every((t) => own.includes(t)) && next
          ? true
          : undefined;
      });
      const failures: string[] = [];
      let checked = 0;
      for (const collector of collectors) {
        for (const message of collector.messages) {
          const event = envelopeOf(message);
          // Malformed on purpose by another test (dead letters), and marked as such.
          if ((event as { test_fixture?: boolean }).test_fixture === true) continue;
          const validate = validators[event.event_type as EventType];
          if (!validate) {
            failures.push(`${message.topic}: unknown event type ${event.event_type}`);
            continue;
          }
          checked++;
          if (!validate(event))
            failures.push(
              `${message.topic} ${event.event_type} ${event.event_id}: ${ajv.errorsText(validate.errors)}`,
            );
        }
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThanOrEqual(13);
      console.log(
        `[contracts] ${checked} events validated against schemas/contracts/events/*.schema.json`,
      );
    } finally {
      await Promise.all(collectors.map((collector) => collector.stop()));
    }
  });
});
