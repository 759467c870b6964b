import { describe, expect, it } from 'vitest';
import type { Task } from '../../../schemas/task.ts';
import { inverseOf } from './undo.ts';

const task = {
  id: 't1',
  title: 'Report',
  description: '',
  status: 'pending',
  priority: 'medium',
  tags: ['work'],
  due_at: '2026-11-27T08:00:00.000Z',
  reminders: [],
  recurrence: null,
} as unknown as Task;

describe('taking a change back', () => {
  it('deletes what was added, reopens what was completed, recreates what was deleted', () => {
    expect(inverseOf('add_task', { title: 'Report' }, undefined, task)).toEqual({
      name: 'delete_task',
      arguments: { task_id: 't1' },
    });
    expect(inverseOf('complete_task', { task_id: 't1' }, task, task)?.name).toBe('reopen_task');
    expect(inverseOf('delete_task', { task_id: 't1' }, task, task)).toEqual({
      name: 'add_task',
      arguments: {
        title: 'Report',
        description: '',
        priority: 'medium',
        tags: ['work'],
        due_at: '2026-11-27T08:00:00.000Z',
        recurrence: null,
      },
    });
  });

  it('restores only the fields an update changed', () => {
    expect(
      inverseOf('update_task', { task_id: 't1', priority: 'high', tags: [] }, task, task),
    ).toEqual({
      name: 'update_task',
      arguments: { task_id: 't1', priority: 'medium', tags: ['work'] },
    });
    expect(inverseOf('skip_task', { task_id: 't1' }, task, task)).toBeUndefined();
  });
});
