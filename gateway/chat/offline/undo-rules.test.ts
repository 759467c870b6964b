import { describe, expect, it } from 'vitest';
import { isUndo } from './undo-rules.ts';
import { wholeSeries } from './remove-rules.ts';

describe('undo and the whole series', () => {
  it.each(['undo', 'undo that', 'take that back', 'revert'])('“%s” is an undo', (message) =>
    expect(isUndo(message)).toBe(true),
  );
  it('“undo the milk task” is not (it reopens a task)', () =>
    expect(isUndo('undo the milk task')).toBe(false));
  it('“… and all future ones” names the series', () =>
    expect('delete stretching and all future ones'.replace(wholeSeries, '')).toBe(
      'delete stretching',
    ));
});
