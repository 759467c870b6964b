import type { z } from 'zod';

/**
 * The answer to an actor call that fails its schema: the caller (our own gateway, which validated
 * the request first) sent what it should not have. Its own code, so the gateway answers it as the
 * internal error it is and never shows the call's wording or field paths to a client.
 */
export const invalidCall = (error: z.ZodError) =>
  ({
    ok: false,
    error: {
      code: 'invalid_call',
      message: 'invalid actor call',
      fields: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    },
  }) as const;
