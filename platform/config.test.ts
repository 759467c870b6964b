import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  baseEnvSchema,
  batchingEnvSchema,
  bulkSubscribeOf,
  loadConfig,
  redisEnvSchema,
  redisTlsOptions,
} from './config.ts';

afterEach(() => vi.restoreAllMocks());

describe('loadConfig', () => {
  it('parses and coerces the environment', () => {
    const config = loadConfig(baseEnvSchema, {
      APP_ID: 'todo-gateway',
      PORT: '3000',
      DAPR_API_TOKEN: 'a-token-of-sixteen-or-more',
      APP_API_TOKEN: 'another-token-of-sixteen',
    });
    expect(config).toMatchObject({
      APP_ID: 'todo-gateway',
      PORT: 3000,
      DAPR_HTTP_PORT: 3500,
      LOG_LEVEL: 'info',
    });
  });

  it('lists every problem, then exits', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exit');
    });
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => loadConfig(baseEnvSchema, { PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow('exit');
    expect(exit).toHaveBeenCalledWith(1);
    const message = String(printed.mock.calls[0]?.[0]);
    expect(message).toContain('APP_ID');
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('DAPR_API_TOKEN');
    expect(message).toContain('APP_API_TOKEN');
  });

  it('never prints a token it refuses', () => {
    vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exit');
    });
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() =>
      loadConfig(baseEnvSchema, { APP_ID: 'x', PORT: '1', DAPR_API_TOKEN: 'short-secret' }),
    ).toThrow('exit');
    expect(String(printed.mock.calls[0]?.[0])).not.toContain('short-secret');
  });
});

describe('REDIS_TLS', () => {
  it('turns on TLS to Redis only when it says true', () => {
    expect(redisTlsOptions(redisEnvSchema.parse({ REDIS_TLS: 'true' }))).toEqual({ tls: {} });
    expect(redisTlsOptions(redisEnvSchema.parse({ REDIS_TLS: 'false' }))).toEqual({});
    expect(redisTlsOptions(redisEnvSchema.parse({}))).toEqual({});
    expect(redisEnvSchema.safeParse({ REDIS_TLS: 'maybe' }).success).toBe(false);
  });
});

describe('bulkSubscribeOf', () => {
  it('takes 100 messages after at most 20 ms by default, and is off with 0 messages', () => {
    expect(bulkSubscribeOf(batchingEnvSchema.parse({}))).toEqual({
      maxMessagesCount: 100,
      maxAwaitDurationMs: 20,
    });
    expect(
      bulkSubscribeOf(
        batchingEnvSchema.parse({
          PUBSUB_BATCH_MAX_MESSAGES: '0',
          PUBSUB_BATCH_MAX_AWAIT_MS: '50',
        }),
      ),
    ).toBeUndefined();
  });
});
