import { z } from 'zod';

/** An ISO 8601 instant with offset, years 1970–2999, stored normalized to UTC (`…Z`). */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .regex(/^(?:19[7-9]\d|2\d{3})-/, 'must be between the years 1970 and 2999')
  .transform((value) => new Date(value).toISOString());
