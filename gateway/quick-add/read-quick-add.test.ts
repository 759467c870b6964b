import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickAddPreviewSchema } from '../../schemas/quick-add.ts';
import { ApiError } from '../errors.ts';
import { readQuickAdd } from './read-quick-add.ts';

const NOW = new Date('2026-11-26T10:00:00Z'); // a Thursday
const ZONE = 'Europe/Berlin';

const refusal = (text: string) => {
  try {
    readQuickAdd(text, ZONE, NOW);
  } catch (error) {
    return error instanceof ApiError ? { status: error.status, code: error.code } : error;
  }
  return undefined;
};

describe('readQuickAdd', () => {
  it('reads the issue’s example into a monthly task at 09:00 Berlin, tagged, high priority', () => {
    const read = readQuickAdd('pay rent on the 1st of every month at 9am #home !high', ZONE, NOW);
    expect(read.task).toEqual({
      title: 'Pay rent',
      priority: 'high',
      tags: ['home'],
      due_at: '2026-12-01T08:00:00.000Z',
      reminders: [],
      recurrence: { frequency: 'monthly', interval: 1, day_of_month: 1, repeat_from: 'due' },
    });
    expect(read.preview).toBe(
      'Pay rent — monthly on the 1st, 09:00, from Tue 1 Dec; #home; high priority',
    );
    expect(read.time_zone).toBe(ZONE);
  });

  it('reads a one-off task with a reminder, in the user’s zone', () => {
    const read = readQuickAdd('call mum tomorrow 6pm remind me 30 minutes before', ZONE, NOW);
    expect(read.task).toMatchObject({
      title: 'Call mum',
      priority: 'medium',
      tags: [],
      due_at: '2026-11-27T17:00:00.000Z',
      reminders: [{ offset: '-PT30M' }],
      recurrence: null,
    });
    expect(read.preview).toBe('Call mum — Fri 27 Nov, 18:00; reminder 30 min before');
  });

  it('takes "remind me to" as a reminder at the due time, as the chat does', () => {
    const read = readQuickAdd('remind me to water the plants on Saturday', ZONE, NOW);
    expect(read.task.reminders).toEqual([{ offset: 'PT0S' }]);
    expect(read.preview).toBe('Water the plants — Sat 28 Nov, 09:00; reminder at the due time');
  });

  it('reads the !priority marks of task apps', () => {
    expect(readQuickAdd('ship it !urgent', ZONE, NOW).task).toMatchObject({
      title: 'Ship it',
      priority: 'urgent',
    });
    expect(readQuickAdd('tidy the desk !low #home', ZONE, NOW).task).toMatchObject({
      title: 'Tidy the desk',
      priority: 'low',
      tags: ['home'],
    });
  });

  it('keeps a plain title plain', () => {
    const read = readQuickAdd('buy stamps', ZONE, NOW);
    expect(read.task).toEqual({
      title: 'Buy stamps',
      priority: 'medium',
      tags: [],
      due_at: null,
      reminders: [],
      recurrence: null,
    });
    expect(read.preview).toBe('Buy stamps');
  });

  it('refuses text that leaves no title, rather than guessing one', () => {
    expect(refusal('#home !high')).toEqual({ status: 422, code: 'quick_add_no_title' });
    expect(refusal('tomorrow at 5pm')).toEqual({ status: 422, code: 'quick_add_no_title' });
    expect(refusal('?!? …')).toEqual({ status: 422, code: 'quick_add_no_title' });
  });

  it('refuses what would not make a valid task (a day no month has, too many tags)', () => {
    expect(refusal('pay rent on the 45th of every month')).toEqual({
      status: 422,
      code: 'quick_add_invalid_task',
    });
    const tags = Array.from({ length: 11 }, (_, i) => `#t${i}`).join(' ');
    expect(refusal(`sort the shed ${tags}`)).toEqual({
      status: 422,
      code: 'quick_add_invalid_task',
    });
  });

  it('answers any text with a valid preview or a 422, never another failure', () => {
    const words = fc.constantFrom(
      'pay rent',
      'every',
      'other',
      'day',
      'month',
      'monday',
      'weekday',
      'on the',
      '31st',
      '0th',
      '99th',
      'at',
      '25:99',
      '13pm',
      '0am',
      'tomorrow',
      'next week',
      'in 3 days',
      '#home',
      '#',
      '!high',
      '!',
      '!!',
      'urgent',
      'remind me',
      '0 minutes',
      '999 weeks',
      'before',
      'tagged',
      'x and y',
      'by',
      'friday',
      'feb 30',
      '2099-02-29',
      '1900-01-01',
      'noon',
      'midnight',
    );
    const sentence = fc.oneof(
      fc.array(words, { maxLength: 12 }).map((parts) => parts.join(' ')),
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
    );
    fc.assert(
      fc.property(
        sentence,
        fc.constantFrom(ZONE, 'Pacific/Kiritimati', 'America/St_Johns'),
        (text, zone) => {
          try {
            quickAddPreviewSchema.parse(readQuickAdd(text, zone, NOW));
          } catch (error) {
            expect(error).toBeInstanceOf(ApiError);
            expect((error as ApiError).status).toBe(422);
          }
        },
      ),
      { seed: 13, numRuns: 2000 },
    );
  });
});
