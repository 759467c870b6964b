import { createHash } from 'node:crypto';
import { z } from 'zod';
import { instantSchema } from './instant.ts';

/** The time part of a duration: hours, minutes, seconds, at least one, in that order. */
const timePart = String.raw`T(?:\d{1,4}H(?:\d{1,6}M)?(?:\d{1,8}S)?|\d{1,6}M(?:\d{1,8}S)?|\d{1,8}S)`;

/**
 * An ISO 8601 duration in weeks, days, hours, minutes and seconds, whole numbers, at least one
 * part ("PT30M", "P1DT2H"). Each part has a few digits at most, so the pattern alone bounds it
 * (under 26 years) and the OpenAPI document states it exactly. No lookahead: generators of
 * values from patterns (schemathesis) read it too.
 */
export const DURATION_PATTERN = String.raw`P(?:\d{1,3}W(?:\d{1,3}D)?(?:${timePart})?|\d{1,3}D(?:${timePart})?|${timePart})`;

/** A signed duration relative to the due time ("-PT30M" = 30 minutes before). */
export const offsetSchema = z
  .string()
  .regex(
    new RegExp(`^[+-]?${DURATION_PATTERN}$`),
    'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. -PT30M or -P1D',
  );

/** A reminder as a client sends it: relative to due_at, or at an absolute instant. */
export const reminderInputSchema = z.union([
  z.strictObject({ offset: offsetSchema }),
  z.strictObject({ at: instantSchema }),
]);
export type ReminderInput = z.infer<typeof reminderInputSchema>;

export const remindersInputSchema = z.array(reminderInputSchema).max(5, 'at most 5 reminders');

/** A reminder as the task stores it. fire_at is null when relative and the task has no due_at. */
export const reminderSchema = z.object({
  id: z.string(),
  offset: z.string().nullable(),
  at: z.string().nullable(),
  fire_at: z.string().nullable(),
  fired_at: z.string().nullable(),
  /**
   * Present while a snooze is pending: the reminder fires (again) once at this instant. Absent,
   * not null, when not snoozed, so reminders stored before snoozing existed read the same.
   */
  snoozed_until: z.string().optional(),
});
export type Reminder = z.infer<typeof reminderSchema>;

/** The name a task reminder has in the Dapr scheduler: derived from its id, safe in a URL. */
export const registrationName = (reminderId: string): string =>
  `due-${createHash('sha256').update(reminderId).digest('hex').slice(0, 16)}`;

/** Scheduler name of the reminder at an occurrence's due time that moves its series on. */
export const SERIES_ADVANCE_REMINDER = 'series-advance';
