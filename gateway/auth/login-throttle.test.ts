import { describe, expect, it } from 'vitest';
import { lockSeconds, loginThrottlePolicy, secondsUntilUnlocked } from './login-throttle.ts';

const policy = loginThrottlePolicy;

describe('the log-in throttle', () => {
  it('locks after 5 failures for 1 s, doubling per further failure up to 15 min', () => {
    expect([0, 1, 4].map((failures) => lockSeconds(failures, policy))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 10].map((failures) => lockSeconds(failures, policy))).toEqual([1, 2, 4, 32]);
    expect(lockSeconds(15, policy)).toBe(900);
    expect(lockSeconds(10_000, policy)).toBe(900);
  });

  it('counts the lock from the last failure, in whole seconds rounded up', () => {
    const lastFailureMs = 1_000_000;
    expect(secondsUntilUnlocked({ failures: 4, lastFailureMs }, lastFailureMs, policy)).toBe(0);
    expect(secondsUntilUnlocked({ failures: 7, lastFailureMs }, lastFailureMs + 500, policy)).toBe(
      4,
    );
    expect(
      secondsUntilUnlocked({ failures: 7, lastFailureMs }, lastFailureMs + 3_001, policy),
    ).toBe(1);
    expect(
      secondsUntilUnlocked({ failures: 7, lastFailureMs }, lastFailureMs + 4_000, policy),
    ).toBe(0);
  });

  it('treats an unknown account as unlocked', () => {
    expect(secondsUntilUnlocked({ failures: 0, lastFailureMs: 0 }, Date.now(), policy)).toBe(0);
  });
});
