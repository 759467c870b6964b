import { createHmac, hkdfSync } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger.ts';
import { RetryLaterError } from '../errors.ts';

export interface ThrottlePolicy {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  /** The first lock; each further failure doubles it. */
  firstLockSeconds: number;
  maxLockSeconds: number;
  /** Failures are forgotten this long after the last lock ends. */
  memorySeconds: number;
}

/** 5 failures free, then 1 s, 2 s, 4 s … up to 15 min; forgotten an hour after the longest lock. */
export const loginThrottlePolicy: ThrottlePolicy = {
  freeFailures: 5,
  firstLockSeconds: 1,
  maxLockSeconds: 15 * 60,
  memorySeconds: 60 * 60,
};

/** How long an account is locked after its `failures`-th failure in a row. */
export function lockSeconds(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = failures - policy.freeFailures;
  // Capped before exponentiating, so that a huge count is no Infinity.
  return Math.min(policy.maxLockSeconds, policy.firstLockSeconds * 2 ** Math.min(doublings, 40));
}

/** Whole seconds until the lock set by the last failure ends; 0 when not locked. */
export function secondsUntilUnlocked(
  state: { failures: number; lastFailureMs: number },
  nowMs: number,
  policy: ThrottlePolicy,
): number {
  const lockedUntil = state.lastFailureMs + lockSeconds(state.failures, policy) * 1000;
  return Math.max(0, Math.ceil((lockedUntil - nowMs) / 1000));
}

/**
 * Exponential back-off per e-mail address on failed log-ins (and failed password checks), kept
 * in Redis so that every gateway replica counts together. The per-address rate limit slows down
 * one client guessing many accounts; this slows down many clients guessing one account.
 * Unknown addresses are throttled alike, so that the answer tells nothing about existence.
 * Keys are an HMAC of the address: a dump of Redis names nobody. If Redis is unreachable
 * log-ins pass (and it is logged), as with the rate limits.
 */
export class LoginThrottle {
  private readonly keySecret: Buffer;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    /** Any server secret; a key of the throttle's own is derived from it. */
    serverSecret: string,
    private readonly policy: ThrottlePolicy = loginThrottlePolicy,
  ) {
    this.keySecret = Buffer.from(hkdfSync('sha256', serverSecret, '', 'login-throttle', 32));
  }

  private key(email: string): string {
    const digest = createHmac('sha256', this.keySecret)
      .update(email.toLowerCase())
      .digest('base64url');
    return `login-throttle:${digest}`;
  }

  /** Throws `login_throttled` (429, Retry-After) while the account is locked. Costs no hash. */
  async refuseIfLocked(email: string): Promise<void> {
    let state: (string | null)[];
    try {
      state = await this.redis.hmget(this.key(email), 'failures', 'last');
    } catch (error) {
      this.logger.warn('login throttle unavailable, letting the attempt through', { error });
      return;
    }
    const seconds = secondsUntilUnlocked(
      { failures: Number(state[0] ?? 0), lastFailureMs: Number(state[1] ?? 0) },
      Date.now(),
      this.policy,
    );
    if (seconds > 0)
      throw new RetryLaterError(
        'login_throttled',
        `too many failed log-ins for this account, retry in ${seconds} s`,
        seconds,
      );
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key(email);
    try {
      await this.redis
        .multi()
        .hincrby(key, 'failures', 1)
        .hset(key, 'last', Date.now())
        .expire(key, this.policy.maxLockSeconds + this.policy.memorySeconds)
        .exec();
    } catch (error) {
      this.logger.warn('login throttle unavailable, failure not counted', { error });
    }
  }

  /** A successful log-in starts the count afresh. */
  async clear(email: string): Promise<void> {
    try {
      await this.redis.del(this.key(email));
    } catch (error) {
      this.logger.warn('login throttle unavailable, failures not cleared', { error });
    }
  }
}
