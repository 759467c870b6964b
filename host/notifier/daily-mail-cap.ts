import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Recorded on a mail the cap held back, reminder or verification alike. */
export const CAP_REACHED = 'daily mail cap reached';

/** A mail counted against its recipient's cap, to give back if it could not be sent. */
export interface MailReservation {
  userId: string;
  day: string;
}

/**
 * Counts one mail to a user for today (UTC) unless they had `cap` already. One statement, so that
 * every notifier replica counts on the same row and two of them can never both take the last one.
 * Counted just before the send, after the checks that may still skip it, so a skipped mail costs
 * the user nothing.
 */
export async function reserveDailyMail(
  db: Db,
  userId: string,
  cap: number,
): Promise<MailReservation | undefined> {
  if (cap < 1) return undefined;
  const { rows } = await sql<{ day: string }>`
    insert into mail_daily_counts as counts (user_id, day, sent)
    values (${userId}, (now() at time zone 'utc')::date, 1)
    on conflict (user_id, day) do update set sent = counts.sent + 1 where counts.sent < ${cap}
    returning to_char(day, 'YYYY-MM-DD') as day`.execute(db);
  return rows[0] ? { userId, day: rows[0].day } : undefined;
}

/** A send that failed did not reach the user: its count goes back, for the retry to take. */
export async function releaseDailyMail(db: Db, reservation: MailReservation): Promise<void> {
  await sql`
    update mail_daily_counts set sent = sent - 1
     where user_id = ${reservation.userId} and day = ${reservation.day}::date and sent > 0`.execute(
    db,
  );
}
