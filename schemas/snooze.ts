import { z } from 'zod';
import { instantSchema } from './instant.ts';
import { DURATION_PATTERN } from './reminder.ts';

/** The longest a reminder can be snoozed, from now. */
export const MAX_SNOOZE_DAYS = 30;

/**
 * A duration from now in weeks, days, hours, minutes or seconds ("PT10M", "P1D"). That it ends in
 * the future and within MAX_SNOOZE_DAYS is the TaskActor's to check (its clock decides).
 */
export const snoozeDurationSchema = z
  .string()
  .regex(
    new RegExp(`^${DURATION_PATTERN}$`),
    'must be a positive ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. PT10M',
  );

/**
 * How long to snooze: `for` a duration from now, or `until` an instant; exactly one. Either must
 * end in the future and at most MAX_SNOOZE_DAYS days from now (checked by the TaskActor, whose
 * clock decides).
 */
export const snoozeInputSchema = z.union(
  [z.strictObject({ for: snoozeDurationSchema }), z.strictObject({ until: instantSchema })],
  { error: 'give exactly one of `for` (an ISO 8601 duration) or `until` (an instant)' },
);
export type SnoozeInput = z.infer<typeof snoozeInputSchema>;

/** A snooze link's token: a JWT of well under 1 kB (its longest claim is a 200-character reminder id). */
export const snoozeTokenSchema = z.string().min(1).max(1024);

/**
 * The signed link of a reminder mail: the token says which firing of which reminder may be
 * snoozed, by whom; the choice (`for` or `until`, exactly one) is the reader's, as in the API.
 */
export const snoozeLinkQuerySchema = z
  .object({
    token: snoozeTokenSchema,
    for: snoozeDurationSchema.optional(),
    until: instantSchema.optional(),
  })
  .refine((query) => (query.for === undefined) !== (query.until === undefined), {
    message: 'give exactly one of `for` (an ISO 8601 duration) or `until` (an instant)',
    path: ['for'],
  })
  .transform(({ token, ...choice }) => ({
    token,
    snooze: (choice.for !== undefined
      ? { for: choice.for }
      : { until: choice.until! }) as SnoozeInput,
  }));
export type SnoozeLinkQuery = z.infer<typeof snoozeLinkQuerySchema>;

/** What a followed link would do (GET, JSON): nothing is changed yet. */
export const snoozeLinkPreviewSchema = z.object({
  task_id: z.string(),
  reminder_id: z.string(),
  snooze: snoozeInputSchema,
});
export type SnoozeLinkPreview = z.infer<typeof snoozeLinkPreviewSchema>;

/** What a snooze through a link did (POST, JSON). */
export const snoozeLinkResultSchema = z.object({
  task_id: z.string(),
  reminder_id: z.string(),
  snoozed_until: z.string().nullable(),
});
export type SnoozeLinkResult = z.infer<typeof snoozeLinkResultSchema>;
