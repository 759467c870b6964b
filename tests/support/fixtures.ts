import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION, type EventEnvelope } from '../../schemas/events.ts';
import type { Task } from '../../schemas/task.ts';

/** A valid task snapshot, for events the tests publish themselves. */
export function taskSnapshot(overrides: Partial<Task> & Pick<Task, 'id' | 'user_id'>): Task {
  return {
    title: 'fixture',
    description: '',
    status: 'pending',
    priority: 'medium',
    tags: [],
    due_at: null,
    time_zone: 'UTC',
    reminders: [],
    recurrence: null,
    series_id: null,
    parent_task_id: null,
    occurrence_index: null,
    created_at: '2026-11-26T10:00:00.000Z',
    updated_at: '2026-11-26T10:00:00.000Z',
    completed_at: null,
    version: 1,
    ...overrides,
  };
}

/** A valid envelope around `data`, for a task snapshot. */
export function envelopeFor(type: string, task: Task, data: unknown = { task }): EventEnvelope {
  return {
    event_id: randomUUID(),
    schema_version: SCHEMA_VERSION,
    event_type: type,
    occurred_at: new Date().toISOString(),
    user_id: task.user_id,
    task_id: task.id,
    version: task.version,
    correlation_id: `test-${randomUUID()}`,
    data,
  };
}
