import { join } from 'node:path';
import { z } from 'zod';
import { baseEnvSchema, corsOriginsSchema, redisEnvSchema } from '../platform/config.ts';
import { trustProxySchema } from './trust-proxy.ts';

export const gatewayEnvSchema = baseEnvSchema.extend(redisEnvSchema.shape).extend({
  /** Origins allowed to call the API from a browser, comma-separated; empty = same origin only. */
  CORS_ORIGINS: corsOriginsSchema,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** Per client address, each in its own bucket: sign-up, and log-in. */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Verification mails a user may cause per hour (address changes and resends together). */
  VERIFICATION_MAILS_PER_HOUR: z.coerce.number().int().positive().default(3),
  /** Per client address: refresh and log-out (a page refreshes every 15 min per tab). */
  REFRESH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Proxies believed about the client's address: see trust-proxy.ts. */
  TRUST_PROXY: trustProxySchema,
  BODY_LIMIT: z.string().default('100kb'),
  /** Where browsers open Socket.IO (the realtime replicas, or the ingress in front of them). */
  REALTIME_URLS: corsOriginsSchema,
  /**
   * User ids with the operator role (actor inspection of any user's actors, every access
   * audited), comma-separated; empty = no operators. Configuration only: no API grants it.
   */
  OPERATOR_USER_IDS: corsOriginsSchema,
  /** The built web page; served at / when present. */
  WEB_DIST: z.string().default(join(process.cwd(), 'web', 'dist')),
  /** An OpenAI-compatible chat-completions endpoint; without one the offline engine answers. */
  CHAT_LLM_BASE_URL: z.url().optional(),
  /** Sent as a bearer token; local servers ignore it. Never logged (see docs/CHAT-LLM.md). */
  CHAT_LLM_API_KEY: z.string().default('none'),
  CHAT_LLM_MODEL: z.string().default('gpt-4o-mini'),
  /** Each call to the model is aborted after this long; the user gets a polite reply. */
  CHAT_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Calls to the model in one chat turn: a model that keeps asking for tools is stopped. */
  CHAT_LLM_MAX_ROUNDS: z.coerce.number().int().min(1).max(20).default(6),
  /** Tool calls in one chat turn, over all rounds. */
  CHAT_LLM_MAX_TOOL_CALLS: z.coerce.number().int().min(1).max(100).default(12),
});
export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;
