import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Task } from '../../../schemas/task.ts';
import { matchScore, resolveReference, withinEdits } from './match.ts';

/** Plain optimal-string-alignment distance, the reference the banded check must agree with. */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const task = (title: string, id = title) => ({ id, title }) as Task;

describe('withinEdits', () => {
  it('agrees with the full edit distance on short words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, limit) => {
        expect(withinEdits(a, b, limit)).toBe(fullDistance(a, b) <= limit);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it('counts a swap of neighbours as one typo', () => {
    expect(withinEdits('report', 'reprot', 1)).toBe(true);
    expect(withinEdits('groceries', 'grocereis', 1)).toBe(true);
    expect(withinEdits('milk', 'silk', 0)).toBe(false);
  });
});

describe('matchScore', () => {
  it('still matches typos, prefixes and stems', () => {
    expect(resolveReference('reprot', [task('Write report'), task('Buy milk')])).toMatchObject({
      kind: 'one',
      task: { title: 'Write report' },
    });
    expect(matchScore('watering', 'water the plants')).toBeGreaterThan(0.6);
  });

  it('gives an absurdly long word no typo match and a reference of thousands of words its first words only', () => {
    const long = 'x'.repeat(2000);
    expect(matchScore(long, `${'x'.repeat(1999)}y`)).toBe(0);
    const flood = `${'milk '.repeat(1)}${Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' ')}`;
    // Only the first 16 distinct words count, so the flood neither matches nor costs much.
    expect(matchScore(flood, 'buy milk')).toBeLessThan(0.6);
  });
});
