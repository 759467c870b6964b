import { Temporal } from '@js-temporal/polyfill';
import { signSnoozeToken } from '../../platform/auth/snooze-token.ts';
import type { Reminder } from '../../schemas/reminder.ts';

export interface SnoozeLink {
  label: string;
  url: string;
}

/** 09:00 on the day after `now`, in `timeZone` (moved forward if 09:00 falls in a DST gap). */
export function tomorrowMorning(now: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .add({ days: 1 })
    .toZonedDateTime({ timeZone, plainTime: '09:00' })
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });
}

/**
 * The snooze links of a reminder mail: 10 minutes, 1 hour, tomorrow 09:00 in the reader's zone.
 * One token, signed only here as the mail goes out (it is in the mail and nowhere else), for this
 * firing of this reminder; the link's choice is a plain query parameter, as in the API body.
 */
export async function snoozeLinks(input: {
  jwtSecret: string;
  publicUrl: string;
  userId: string;
  taskId: string;
  reminder: Reminder;
  timeZone: string;
  now?: Date;
}): Promise<SnoozeLink[]> {
  const { reminder } = input;
  if (reminder.fired_at === null) return [];
  const now = input.now ?? new Date();
  const token = await signSnoozeToken(
    input.jwtSecret,
    {
      userId: input.userId,
      taskId: input.taskId,
      reminderId: reminder.id,
      firing: reminder.fired_at,
    },
    now,
  );
  const link = (choice: Record<string, string>) =>
    `${input.publicUrl}/api/v1/snooze?${new URLSearchParams({ token, ...choice }).toString()}`;
  return [
    { label: '10 minutes', url: link({ for: 'PT10M' }) },
    { label: '1 hour', url: link({ for: 'PT1H' }) },
    { label: 'tomorrow 09:00', url: link({ until: tomorrowMorning(now, input.timeZone) }) },
  ];
}
