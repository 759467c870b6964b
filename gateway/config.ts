import { join } from 'node:path';
import { z } from 'zod';
import { baseEnvSchema, corsOriginsSchema } from '../platform/config.ts';

export const gatewayEnvSchema = baseEnvSchema.extend({
  /** Origins allowed to call the API from a browser, comma-separated; empty = same origin only. */
  CORS_ORIGINS: corsOriginsSchema,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Verification mails a user may ask for again (POST /me/email/verification) per hour. */
  /** Verification mails a user may cause per hour (address changes and resends together). */
  VERIFICATION_MAILS_PER_HOUR: z.coerce.number().int().positive().default(3),
  BODY_LIMIT: z.string().default('100kb'),
  /** Where browsers open Socket.IO (the realtime replicas, or the ingress in front of them). */
  REALTIME_URLS: corsOriginsSchema,
  /** The built web page; served at / when present. */
  WEB_DIST: z.string().default(join(process.cwd(), 'web', 'dist')),
  /** An OpenAI-compatible chat-completions endpoint; without one the offline engine answers. */
  CHAT_LLM_BASE_URL: z.url().optional(),
  CHAT_LLM_API_KEY: z.string().default('none'),
  CHAT_LLM_MODEL: z.string().default('gpt-4o-mini'),
});
export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;
