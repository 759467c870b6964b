import { describe, expect, it } from 'vitest';
import { groupByUser } from './user-batches.ts';

describe('groupByUser', () => {
  it('gives each user their own events once, in the order they came', () => {
    const events = [
      { user_id: 'a', task_id: 't1', version: 1 },
      { user_id: 'b', task_id: 't2', version: 1 },
      { user_id: 'a', task_id: 't1', version: 2 },
      { user_id: 'a', task_id: 't3', version: 1 },
      { user_id: 'b', task_id: 't2', version: 2 },
    ];
    expect([...groupByUser(events)]).toEqual([
      [
        'a',
        [
          { user_id: 'a', task_id: 't1', version: 1 },
          { user_id: 'a', task_id: 't1', version: 2 },
          { user_id: 'a', task_id: 't3', version: 1 },
        ],
      ],
      [
        'b',
        [
          { user_id: 'b', task_id: 't2', version: 1 },
          { user_id: 'b', task_id: 't2', version: 2 },
        ],
      ],
    ]);
  });

  it('has nothing for an empty batch', () => {
    expect(groupByUser([]).size).toBe(0);
  });
});
