import { describe, expect, it } from 'vitest';
import { counterOf } from './user-counters.ts';

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
