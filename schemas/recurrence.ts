import { z } from 'zod';
import { textSchema } from './text.ts';
import { instantSchema } from './instant.ts';

/**
 * The seed plan's structured rule. days_of_week counts like cron and JavaScript:
 * 0 = Sunday … 6 = Saturday.
 */
export const structuredRecurrenceSchema = z.strictObject({
  frequency: z.enum(['daily', 'weekly', 'monthly']),
  interval: z.number().int().min(1).max(365).default(1),
  days_of_week: z.array(z.number().int().min(0).max(6)).min(1).max(7).optional(),
  day_of_month: z.number().int().min(1).max(31).optional(),
  end_date: instantSchema.optional(),
  count: z.number().int().min(1).max(1000).optional(),
});
export type StructuredRecurrence = z.infer<typeof structuredRecurrenceSchema>;

export const repeatFromSchema = z.enum(['due', 'completion']);
export type RepeatFrom = z.infer<typeof repeatFromSchema>;

/** What a client may send: the structured rule, or an RFC 5545 RRULE string. */
export const recurrenceInputSchema = z.union([
  structuredRecurrenceSchema.extend({ repeat_from: repeatFromSchema.default('due') }),
  z.strictObject({
    rrule: textSchema().trim().min(6).max(500),
    repeat_from: repeatFromSchema.default('due'),
  }),
]);
export type RecurrenceInput = z.infer<typeof recurrenceInputSchema>;

/**
 * How a task stores its recurrence: always a canonical RRULE (without DTSTART), plus the
 * series anchor. Occurrences are computed in `time_zone` on wall-clock time.
 */
export const recurrenceSchema = z.object({
  rrule: z.string(),
  repeat_from: repeatFromSchema,
  /** The due instant of the series' first occurrence: the rule's DTSTART. */
  dtstart: z.string(),
});
export type Recurrence = z.infer<typeof recurrenceSchema>;
