import { describe, expect, it } from 'vitest';
import { defaultBackoff, nextRestart, type CrashStreak } from './restart-policy.ts';

function delays(upTimes: number[]): number[] {
  let streak: CrashStreak = { crashes: 0 };
  return upTimes.map((upMs) => {
    const next = nextRestart(streak, upMs, defaultBackoff);
    streak = next.streak;
    return next.delayMs;
  });
}

describe('restart back-off', () => {
  it('doubles from half a second for crashes in a row, up to ten seconds', () => {
    expect(delays([100, 100, 100, 100, 100, 100, 100])).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('starts over once the process stayed up thirty seconds', () => {
    expect(delays([100, 100, 100, 30_000, 100])).toEqual([500, 1_000, 2_000, 500, 1_000]);
  });

  it('keeps the streak when the process was up just under the reset time', () => {
    expect(delays([100, 29_999])).toEqual([500, 1_000]);
  });
});
