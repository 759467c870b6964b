import { describe, expect, it } from 'vitest';
import { dueCountdown, splitTags } from './format.ts';

const now = new Date('2026-11-26T10:00:00Z');

describe('dueCountdown', () => {
  it.each([
    ['2026-11-26T10:30:00Z', false, 'in 30 min', false],
    ['2026-11-26T15:00:00Z', false, 'in 5 h', false],
    ['2026-11-30T10:00:00Z', false, 'in 4 d', false],
    ['2026-11-26T09:30:00Z', false, '30 min overdue', true],
    ['2026-11-26T09:00:00Z', false, '1 h overdue', true],
    ['2026-11-24T10:00:00Z', false, '2 d overdue', true],
    ['2026-11-24T10:00:00Z', true, '2 d ago', false],
  ])('%s (completed %s) → %s', (due, completed, text, overdue) => {
    expect(dueCountdown(due, now, completed)).toEqual({ text, overdue });
  });
});

describe('splitTags', () => {
  it('takes commas, spaces and hashes', () => {
    expect(splitTags('#work, meeting  home')).toEqual(['work', 'meeting', 'home']);
  });
});
