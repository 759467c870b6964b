import { describe, expect, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import { formatTaskList, formatWhen } from './reply-format.ts';

/** Thursday 2026-11-26 11:00 in Berlin, 04:00 in Chicago. */
const now = new Date('2026-11-26T10:00:00Z');

const task = (title: string, due_at: string | null, extra: Partial<Task> = {}): Task => ({
  id: title,
  user_id: 'u',
  title,
  description: '',
  status: 'pending',
  priority: 'medium',
  tags: [],
  due_at,
  time_zone: 'Europe/Berlin',
  reminders: [],
  recurrence: null,
  series_id: null,
  parent_task_id: null,
  occurrence_index: null,
  created_at: now.toISOString(),
  updated_at: now.toISOString(),
  completed_at: null,
  version: 1,
  ...extra,
});

describe('dates in replies', () => {
  it('says today, tomorrow and yesterday with the time on the user’s clock', () => {
    expect(formatWhen('2026-11-27T08:00:00.000Z', 'Europe/Berlin', now)).toBe('tomorrow at 09:00');
    expect(formatWhen('2026-11-26T16:00:00.000Z', 'Europe/Berlin', now)).toBe('today at 17:00');
    expect(formatWhen('2026-11-25T16:00:00.000Z', 'Europe/Berlin', now)).toBe('yesterday at 17:00');
  });

  it('names other days by weekday, day and month, with the year only when it differs', () => {
    expect(formatWhen('2026-12-05T16:00:00.000Z', 'Europe/Berlin', now)).toBe('Sat 5 Dec, 17:00');
    expect(formatWhen('2027-03-01T08:00:00.000Z', 'Europe/Berlin', now)).toBe(
      'Mon 1 Mar 2027, 09:00',
    );
  });

  it('reads the same instant on another zone’s clock, and the day it is there', () => {
    // 2026-11-27 03:00 UTC is Thursday 21:00 in Chicago: still today there.
    expect(formatWhen('2026-11-27T03:00:00.000Z', 'America/Chicago', now)).toBe('today at 21:00');
    expect(formatWhen('2026-11-27T03:00:00.000Z', 'Europe/Berlin', now)).toBe('tomorrow at 04:00');
  });
});

describe('task lists in replies', () => {
  it('groups by day in order, with undated tasks last and no instant or UTC anywhere', () => {
    const text = formatTaskList(
      [
        task('Call the dentist', null),
        task('Buy milk', '2026-11-27T16:00:00.000Z', { priority: 'high' }),
        task('Report', '2026-11-26T15:00:00.000Z', { status: 'in_progress' }),
        task('Stamps', '2026-11-27T08:00:00.000Z'),
      ],
      'Europe/Berlin',
      now,
    );
    expect(text).toBe(
      [
        'Today',
        '• Report — 16:00 (in progress)',
        'Tomorrow',
        '• Stamps — 09:00',
        '• Buy milk — 17:00 (high)',
        'No date',
        '• Call the dentist',
      ].join('\n'),
    );
    expect(text).not.toMatch(/UTC|\dT\d|Z\b/);
  });
});
