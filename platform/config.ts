import { z } from 'zod';

/** Environment every process shares. Each process extends it with its own keys. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_ID: z.string().min(1),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535),
  DAPR_HOST: z.string().default('127.0.0.1'),
  DAPR_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3500),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'debug']).default('info'),
  /** Name of the Dapr secret store the process reads its secrets from. */
  SECRET_STORE: z.string().default('local-secrets'),
  /** Sent to this process's sidecar as `dapr-api-token`; the sidecar answers nothing without it. */
  DAPR_API_TOKEN: z.string().min(16, 'DAPR_API_TOKEN must be at least 16 characters'),
  /** What the sidecar presents when it calls this process (platform/sidecar-token.ts). */
  APP_API_TOKEN: z.string().min(16, 'APP_API_TOKEN must be at least 16 characters'),
});

/**
 * Dapr bulk subscribe for the subscriptions with a batch handler (platform/pubsub.ts): Dapr hands
 * over what one partition has after at most MAX_AWAIT_MS, up to MAX_MESSAGES messages. The wait
 * is what batching adds to an event's way to the read model and to the browser: 20 ms keeps that
 * well inside the 100 ms p99 target, and each sidecar's timer per partition costs idle CPU the
 * shorter it is (docs/PERFORMANCE.md, batched consumers). 100 bounds one transaction and one request body.
 * MAX_MESSAGES 0 turns bulk delivery off (one message per delivery), for A/B runs.
 */
export const batchingEnvSchema = z.object({
  PUBSUB_BATCH_MAX_MESSAGES: z.coerce.number().int().min(0).max(1000).default(100),
  PUBSUB_BATCH_MAX_AWAIT_MS: z.coerce.number().int().min(1).max(1000).default(20),
});
export interface BulkSubscribeSettings {
  maxMessagesCount: number;
  maxAwaitDurationMs: number;
}
export const bulkSubscribeOf = (
  config: z.infer<typeof batchingEnvSchema>,
): BulkSubscribeSettings | undefined =>
  config.PUBSUB_BATCH_MAX_MESSAGES === 0
    ? undefined
    : {
        maxMessagesCount: config.PUBSUB_BATCH_MAX_MESSAGES,
        maxAwaitDurationMs: config.PUBSUB_BATCH_MAX_AWAIT_MS,
      };

/**
 * TLS to Redis (the chart's `redis.tls`) for a URL that does not say `rediss://` itself: ioredis
 * reads no environment of its own for it.
 */
export const redisEnvSchema = z.object({ REDIS_TLS: z.stringbool().default(false) });
export const redisTlsOptions = (config: { REDIS_TLS: boolean }): { tls?: object } =>
  config.REDIS_TLS ? { tls: {} } : {};

/** Origins allowed to call from a browser, comma-separated; empty = same origin only. */
export const corsOriginsSchema = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  );

export type BaseEnv = z.infer<typeof baseEnvSchema>;

/**
 * Parses the environment once. On failure prints every problem (not only the first) and
 * exits: a process with a broken configuration must not half-start.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('\n');
  console.error(`Invalid configuration:\n${problems}`);
  process.exit(1);
}
