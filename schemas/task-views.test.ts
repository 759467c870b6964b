import { describe, expect, it } from 'vitest';
import { taskListQuerySchema } from './task-query.ts';
import { viewFilter } from './task-views.ts';

describe('the views of a day', () => {
  // 23:30 on 1 Dec in UTC is already 2 Dec in Kolkata (+05:30).
  const now = new Date('2026-12-01T23:30:00Z');

  it('end today at the user’s midnight, not the server’s', () => {
    expect(viewFilter('today', now, 'Asia/Kolkata')).toEqual({
      status: ['pending', 'in_progress'],
      due_to: '2026-12-02T18:29:59.999Z',
    });
    expect(viewFilter('today', now, 'UTC').due_to).toBe('2026-12-01T23:59:59.999Z');
  });

  it('start upcoming at the user’s next midnight, however long the day (DST)', () => {
    expect(viewFilter('upcoming', now, 'Asia/Kolkata').due_from).toBe('2026-12-02T18:30:00.000Z');
    // 29 March 2026 in Berlin has 23 hours: tomorrow starts at 22:00 UTC.
    expect(viewFilter('upcoming', new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin').due_from).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });

  it('leave overdue to the read model’s clock, and completed and all without dates', () => {
    expect(viewFilter('overdue', now, 'UTC')).toEqual({
      status: ['pending', 'in_progress'],
      overdue: true,
    });
    expect(viewFilter('completed', now, 'UTC')).toEqual({ status: ['completed', 'skipped'] });
    expect(viewFilter('all', now, 'UTC')).toEqual({});
  });

  it('sort the completed view by the last change, newest first, unless told otherwise', () => {
    expect(taskListQuerySchema.parse({ view: 'completed' })).toMatchObject({
      sort: 'updated',
      order: 'desc',
    });
    expect(taskListQuerySchema.parse({ view: 'completed', sort: 'title' })).toMatchObject({
      sort: 'title',
      order: 'desc',
    });
    expect(taskListQuerySchema.parse({ view: 'today' })).toMatchObject({ sort: 'due' });
  });

  it('are refused with a field a view sets itself; view=all takes any filter', () => {
    const refused = taskListQuerySchema.safeParse({ view: 'today', due_from: '2026-12-01' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path)).toEqual([['due_from']]);
    expect(taskListQuerySchema.safeParse({ view: 'all', status: 'completed' }).success).toBe(true);
  });
});
