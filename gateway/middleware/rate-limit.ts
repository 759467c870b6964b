import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger.ts';
import { RetryLaterError } from '../errors.ts';

export interface RateLimitOptions {
  /** Requests allowed per window and key. */
  limit: number;
  windowSeconds: number;
  /** Namespace of the counters, so that several limits do not share them. */
  name: string;
  key: (request: Request) => string;
}

/**
 * A fixed-window limit counted in Redis, so that every gateway replica counts together.
 * If Redis is unreachable the request passes (and is logged): losing the limit for a moment
 * is better than losing the API.
 */
export function rateLimit(redis: Redis, logger: Logger, options: RateLimitOptions): RequestHandler {
  return async (request, response, next) => {
    const window = Math.floor(Date.now() / 1000 / options.windowSeconds);
    const key = `ratelimit:${options.name}:${options.key(request)}:${window}`;
    let count: number;
    try {
      const results = await redis
        .multi()
        .incr(key)
        .expire(key, options.windowSeconds * 2)
        .exec();
      count = Number(results?.[0]?.[1] ?? 0);
    } catch (error) {
      logger.warn('rate limit unavailable, letting the request through', { error });
      return next();
    }
    const resetSeconds =
      options.windowSeconds - (Math.floor(Date.now() / 1000) % options.windowSeconds);
    response.setHeader('ratelimit-limit', String(options.limit));
    response.setHeader('ratelimit-remaining', String(Math.max(0, options.limit - count)));
    response.setHeader('ratelimit-reset', String(resetSeconds));
    if (count > options.limit) {
      return next(
        new RetryLaterError(
          'rate_limited',
          `too many requests, retry in ${resetSeconds} s`,
          resetSeconds,
        ),
      );
    }
    next();
  };
}
