import { z } from 'zod';
import {
  baseEnvSchema,
  batchingEnvSchema,
  corsOriginsSchema,
  redisEnvSchema,
} from '../platform/config.ts';

export const realtimeEnvSchema = baseEnvSchema
  .extend(redisEnvSchema.shape)
  .extend(batchingEnvSchema.shape)
  .extend({
    /** Open connections one user may have across all realtime replicas. */
    MAX_CONNECTIONS_PER_USER: z.coerce.number().int().positive().default(20),
    CORS_ORIGINS: corsOriginsSchema,
  });
