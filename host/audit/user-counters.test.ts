import { describe, expect, it } from 'vitest';
import { counterIncrements, counterOf } from './user-counters.ts';

describe('counterOf', () => {
  it('counts occurrences as created tasks, and completions and deletions', () => {
    expect(counterOf('task.created')).toBe('tasks_created');
    expect(counterOf('task.occurrence_created')).toBe('tasks_created');
    expect(counterOf('task.completed')).toBe('tasks_completed');
    expect(counterOf('task.deleted')).toBe('tasks_deleted');
  });

  it('counts skipped occurrences, not the series moving on', () => {
    expect(counterOf('task.skipped')).toBe('tasks_skipped');
    expect(counterOf('task.series_advanced')).toBeUndefined();
  });

  it('counts nothing for the other events', () => {
    for (const type of ['task.updated', 'task.reopened', 'reminder.due', 'constructor', 'toString'])
      expect(counterOf(type)).toBeUndefined();
  });
});

describe('counterIncrements', () => {
  it('adds up each user’s events into one row per user, ordered by user', () => {
    expect(
      counterIncrements([
        { user_id: 'b', event_type: 'task.created' },
        { user_id: 'a', event_type: 'task.completed' },
        { user_id: 'b', event_type: 'task.occurrence_created' },
        { user_id: 'b', event_type: 'task.updated' },
        { user_id: 'a', event_type: 'task.skipped' },
        { user_id: 'c', event_type: 'reminder.due' },
      ]),
    ).toEqual([
      { user_id: 'a', tasks_created: 0, tasks_completed: 1, tasks_deleted: 0, tasks_skipped: 1 },
      { user_id: 'b', tasks_created: 2, tasks_completed: 0, tasks_deleted: 0, tasks_skipped: 0 },
    ]);
  });
});
