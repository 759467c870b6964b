import { describe, expect, it } from 'vitest';
import { describeOffset, describeRule, describeTask, ordinal } from './describe-task.ts';

describe('describing a task for a person', () => {
  it('names rules as people say them', () => {
    expect(describeRule({ frequency: 'daily', interval: 1, repeat_from: 'due' })).toBe('daily');
    expect(describeRule({ frequency: 'daily', interval: 3, repeat_from: 'due' })).toBe(
      'every 3 days',
    );
    expect(
      describeRule({
        frequency: 'weekly',
        interval: 1,
        days_of_week: [1, 2, 3, 4, 5],
        repeat_from: 'due',
      }),
    ).toBe('every weekday');
    expect(
      describeRule({ frequency: 'weekly', interval: 2, days_of_week: [1, 4], repeat_from: 'due' }),
    ).toBe('every 2 weeks on Mon, Thu');
    expect(
      describeRule({ frequency: 'monthly', interval: 1, day_of_month: 22, repeat_from: 'due' }),
    ).toBe('monthly on the 22nd');
    expect(describeRule({ rrule: 'FREQ=YEARLY', repeat_from: 'due' })).toBe(
      'repeats (FREQ=YEARLY)',
    );
  });

  it('names ordinals and offsets', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 31].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '31st',
    ]);
    expect(describeOffset('-PT30M')).toBe('30 min before');
    expect(describeOffset('-PT2H')).toBe('2 h before');
    expect(describeOffset('-P1D')).toBe('1 day before');
    expect(describeOffset('-P14D')).toBe('2 weeks before');
    expect(describeOffset('PT0S')).toBe('at the due time');
  });

  it('writes dates in the user’s zone, with the year only when it is not this one', () => {
    const task = {
      title: 'Renew passport',
      priority: 'urgent' as const,
      tags: ['admin', 'travel'],
      due_at: '2027-01-04T23:30:00.000Z',
      reminders: [{ at: '2027-01-03T09:00:00.000Z' }],
      recurrence: null,
    };
    expect(describeTask(task, 'Asia/Tokyo', new Date('2026-11-26T10:00:00Z'))).toBe(
      'Renew passport — Tue 5 Jan 2027, 08:30; reminder Sun 3 Jan 2027, 18:00; #admin #travel; urgent priority',
    );
  });
});
