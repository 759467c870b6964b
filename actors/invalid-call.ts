import type { z } from 'zod';

/** The answer to an actor call that fails its schema: a domain error naming each field. */
export const invalidCall = (error: z.ZodError) =>
  ({
    ok: false,
    error: {
      code: 'validation_failed',
      message: 'invalid actor call',
      fields: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    },
  }) as const;
