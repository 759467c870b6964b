import { z } from 'zod';
import { instantSchema } from './instant.ts';

/**
 * The seed plan's structured rule. days_of_week counts like cron and JavaScript:
 * 0 = Sunday … 6 = Saturday. A yearly rule repeats on `month` and `day_of_month` (both default
 * to the due date's); 29–31 clamp to the month's last day, so 29 February falls on 28 February
 * in a year without one.
 */
export const structuredRecurrenceSchema = z.strictObject({
  frequency: z.enum(['daily', 'weekly', 'monthly', 'yearly']),
  interval: z.number().int().min(1).max(365).default(1),
  days_of_week: z.array(z.number().int().min(0).max(6)).min(1).max(7).optional(),
  day_of_month: z.number().int().min(1).max(31).optional(),
  /** 1 = January … 12 = December; yearly rules only. */
  month: z.number().int().min(1).max(12).optional(),
  end_date: instantSchema.optional(),
  count: z.number().int().min(1).max(1000).optional(),
});
export type StructuredRecurrence = z.infer<typeof structuredRecurrenceSchema>;

export const repeatFromSchema = z.enum(['due', 'completion']);
export type RepeatFrom = z.infer<typeof repeatFromSchema>;

/**
 * What becomes of an occurrence of a `repeat_from: due` series whose due time passes while it is
 * open (the series advances either way): `keep` leaves it open and overdue, `skip` closes it as
 * `skipped`. Not given means `keep`.
 */
export const missedSchema = z.enum(['keep', 'skip']);
export type Missed = z.infer<typeof missedSchema>;

/**
 * The shape of an RRULE: `NAME=value` parts joined by `;`, optionally after `RRULE:`. Which
 * names and values make a rule the task can follow is the parser's to say (an unknown or
 * unsupported part is a 400 naming `recurrence.rrule`; a rule with no occurrence, a 422).
 */
const RRULE_PATTERN = /^(?:RRULE:)?[A-Za-z]+=[A-Za-z0-9,+-]+(?:;[A-Za-z]+=[A-Za-z0-9,+-]+)*$/;

/** What a client may send: the structured rule, or an RFC 5545 RRULE string. */
export const recurrenceInputSchema = z.union([
  structuredRecurrenceSchema.extend({
    repeat_from: repeatFromSchema.default('due'),
    missed: missedSchema.optional(),
  }),
  z.strictObject({
    rrule: z
      .string()
      .min(6)
      .max(500)
      .regex(
        RRULE_PATTERN,
        'must be an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO,WE (parts NAME=value, joined by ;)',
      ),
    repeat_from: repeatFromSchema.default('due'),
    missed: missedSchema.optional(),
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
  /** `keep` when absent (rules stored before it existed, or not given). */
  missed: missedSchema.optional(),
  /** The due instant of the series' first occurrence: the rule's DTSTART. */
  dtstart: z.string(),
});
export type Recurrence = z.infer<typeof recurrenceSchema>;
