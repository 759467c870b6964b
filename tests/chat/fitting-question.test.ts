import { describe, expect, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import { namingWords, questionReason } from './fitting-question.ts';

const task = (title: string, due_at: string | null = null, tags: string[] = []) =>
  ({ title, due_at, tags }) as unknown as Task;
const world = [
  task('Team meeting', '2026-11-26T16:00:00Z'),
  task('Meeting with John', '2026-11-27T14:00:00Z'),
  task('Milk', null, ['shopping']),
  task('Call the plumber', null, ['todo']),
];
const zone = { zone: 'Europe/Berlin' };

describe('when a question is the fitting answer (from the annotation and the world)', () => {
  it('keeps the words that name a thing, and a list name as one word', () => {
    expect(namingWords('remind me [date : tomorrow] at [time : two pm]')).toEqual([]);
    expect(namingWords('add this item to the list')).toEqual([]);
    expect(namingWords('delete my [list_name : to do] list')).toEqual(['todo']);
    expect(namingWords('add milk to my [list_name : grocery] list')).toEqual(['milk', 'grocery']);
  });

  it('asks when nothing is named, never when the utterance names what to add', () => {
    expect(questionReason('set reminder', 'set', world, zone)).toBe('nothing named');
    expect(questionReason('remind me to call mom', 'set', world, zone)).toBeUndefined();
    expect(questionReason('what is on my [list_name : grocery] list', 'query', world, zone)).toBe(
      undefined,
    );
  });

  it('for a removal: not held, several match, or one to act on', () => {
    expect(questionReason('delete the [event_name : wedding]', 'remove', world, zone)).toBe(
      'not held',
    );
    expect(questionReason('delete [event_name : meeting]', 'remove', world, zone)).toBe(
      'several match',
    );
    expect(questionReason('delete all [event_name : meetings]', 'remove', world, zone)).toBe(
      undefined,
    );
    expect(
      questionReason('remove [date : today] [event_name : meeting]', 'remove', world, {
        ...zone,
        date: '2026-11-26',
      }),
    ).toBeUndefined();
    expect(
      questionReason('remove [event_name : meeting with john] [date : today]', 'remove', world, {
        ...zone,
        date: '2026-11-26',
      }),
    ).toBe('not held');
    expect(questionReason('delete my [list_name : to do] list', 'remove', world, zone)).toBe(
      undefined,
    );
  });
});
