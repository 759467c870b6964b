import { describe, expect, it } from 'vitest';
import { taskPrioritySchema } from '../../../schemas/task.ts';
import { taskViewSchema } from '../../../schemas/task-views.ts';
import { PRIORITIES, TASK_VIEWS } from './domain.ts';

describe('the enumerations the page lists', () => {
  it('are the server’s, every one of them', () => {
    expect([...TASK_VIEWS]).toEqual(taskViewSchema.options);
    expect([...PRIORITIES].sort()).toEqual([...taskPrioritySchema.options].sort());
  });
});
