import { describe, expect, it } from 'vitest';
import type { Task } from '../../../schemas/task.ts';
import { groupTasks } from './day-groups.ts';

const task = (id: string, fields: Partial<Task>): Task =>
  ({
    id,
    title: id,
    status: 'pending',
    due_at: null,
    updated_at: '2026-12-01T08:00:00.000Z',
    ...fields,
  }) as Task;

// 23:30 UTC on 1 Dec: already Wednesday 2 Dec in Kolkata.
const now = new Date('2026-12-01T23:30:00Z');

describe('the headings of a view', () => {
  it('today: overdue first, then the rest of today', () => {
    const groups = groupTasks(
      [
        task('late', { due_at: '2026-11-30T09:00:00Z' }),
        task('soon', { due_at: '2026-12-02T10:00:00Z' }),
      ],
      'today',
      'Asia/Kolkata',
      now,
    );
    expect(groups.map((g) => [g.label, g.tasks.map((t) => t.id)])).toEqual([
      ['Overdue', ['late']],
      ['Today', ['soon']],
    ]);
  });

  it('upcoming: one heading per due day of the user’s zone', () => {
    const groups = groupTasks(
      [
        // 20:00 UTC on 2 Dec is 01:30 on 3 Dec in Kolkata.
        task('a', { due_at: '2026-12-02T20:00:00Z' }),
        task('b', { due_at: '2026-12-03T05:00:00Z' }),
        task('c', { due_at: '2026-12-06T05:00:00Z' }),
      ],
      'upcoming',
      'Asia/Kolkata',
      now,
    );
    expect(groups.map((g) => [g.label, g.tasks.map((t) => t.id)])).toEqual([
      ['Tomorrow', ['a', 'b']],
      ['Sun 6 Dec', ['c']],
    ]);
  });

  it('completed: by the day it was closed; all: no headings, the chosen order kept', () => {
    const done = [
      task('x', { status: 'completed', updated_at: '2026-12-01T20:00:00Z' }),
      task('y', { status: 'completed', updated_at: '2026-11-29T20:00:00Z' }),
    ];
    expect(groupTasks(done, 'completed', 'Asia/Kolkata', now).map((g) => g.label)).toEqual([
      'Today',
      'Mon 30 Nov',
    ]);
    expect(groupTasks(done, 'all', 'Asia/Kolkata', now)).toEqual([{ key: 'all', tasks: done }]);
  });
});
