/**
 * When the supervisor starts a crashed process again, as a Deployment's kubelet would: at once
 * the first time, then waiting longer after each crash in a row, and forgetting the streak once
 * the process stayed up long enough to count as healthy.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Up at least this long before a crash: the crash starts a new streak. */
  resetAfterMs: number;
}

export const defaultBackoff: BackoffPolicy = {
  initialMs: 500,
  maxMs: 10_000,
  resetAfterMs: 30_000,
};

/** Crashes in a row so far (0 before the first). */
export interface CrashStreak {
  crashes: number;
}

export function nextRestart(
  streak: CrashStreak,
  upMs: number,
  policy: BackoffPolicy = defaultBackoff,
): { delayMs: number; streak: CrashStreak } {
  const previous = upMs >= policy.resetAfterMs ? 0 : streak.crashes;
  const delayMs = Math.min(policy.initialMs * 2 ** previous, policy.maxMs);
  return { delayMs, streak: { crashes: previous + 1 } };
}
