import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventType, TypedEnvelope } from '../../schemas/events.ts';
import { envelopeFor, taskSnapshot } from '../../tests/support/fixtures.ts';
import { newestPerTask } from './task-view.ts';

type TaskEvent = TypedEnvelope<Exclude<EventType, 'reminder.due'>>;
const eventOf = (id: string, version: number) =>
  envelopeFor('task.reopened', taskSnapshot({ id, user_id: 'u', version })) as TaskEvent;

describe('newestPerTask', () => {
  it('keeps the newest event of each task, whatever order they came in, ordered by task id', () => {
    const [a, b] = [randomUUID(), randomUUID()].sort();
    const events = [eventOf(b!, 1), eventOf(a!, 2), eventOf(b!, 3), eventOf(a!, 1), eventOf(b!, 2)];
    expect(newestPerTask(events).map((e) => [e.data.task.id, e.data.task.version])).toEqual([
      [a, 2],
      [b, 3],
    ]);
  });

  it('keeps the first of two events of one version (a redelivery)', () => {
    const id = randomUUID();
    const [first, again] = [eventOf(id, 4), eventOf(id, 4)];
    expect(newestPerTask([first, again])).toEqual([first]);
  });
});
