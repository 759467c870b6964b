import { describe, expect, it } from 'vitest';
import { behind } from './catch-up.ts';

describe('behind', () => {
  const seen = new Map([
    ['a', { version: 3, deleted: false }],
    ['b', { version: 1, deleted: false }],
    ['c', { version: 5, deleted: true }],
  ]);

  it('names a task listed at an older version than its event, and one not listed yet', () => {
    expect(behind(seen, [{ id: 'a', version: 2 }])).toEqual(['a', 'b']);
  });

  it('is satisfied once the list has caught up, and by the absence of a deleted task', () => {
    expect(
      behind(seen, [
        { id: 'a', version: 3 },
        { id: 'b', version: 2 },
      ]),
    ).toEqual([]);
  });
});
