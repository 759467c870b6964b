import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * How long a claim protects a send in progress; after that another replica may take over. Longer
 * than the slowest live send (two actor calls bounded at 10 s each by the resiliency policy, SMTP
 * bounded by the transport's timeouts), short enough that waiting it out is cheap.
 */
export const LEASE_SECONDS = 60;

export type Claim = 'claimed' | 'done' | 'busy';

/**
 * One row per reminder event decides who sends its mail. Inserting the row is the claim; a
 * second delivery or a second replica finds it and sends nothing. A claim whose holder died
 * mid-send can be taken over after the lease.
 */
export async function claimNotification(
  db: Db,
  row: { eventId: string; userId: string; taskId: string; instance: string },
): Promise<Claim> {
  const claimed = await db
    .insertInto('notification_history')
    .values({
      event_id: row.eventId,
      user_id: row.userId,
      task_id: row.taskId,
      status: 'sending',
      claimed_by: row.instance,
    })
    .onConflict((conflict) =>
      conflict
        .column('event_id')
        .doUpdateSet({ claimed_by: row.instance, claimed_at: sql<string>`now()` })
        .where('notification_history.status', '=', 'sending')
        .where(
          sql<boolean>`notification_history.claimed_at < now() - make_interval(secs => ${LEASE_SECONDS})`,
        ),
    )
    .returning('event_id')
    .executeTakeFirst();
  if (claimed) return 'claimed';
  const existing = await db
    .selectFrom('notification_history')
    .select('status')
    .where('event_id', '=', row.eventId)
    .executeTakeFirst();
  return existing?.status === 'sending' ? 'busy' : 'done';
}

/**
 * Claims, waiting out a claim held by another replica: it either finishes (done) or its holder
 * died and the lease runs out (claimed here). Answering 'busy' with a retry instead would spend the
 * delivery's attempts long before the lease ends and dead-letter the reminder (found by
 * chaos/local/run.ts, a notifier killed mid-send).
 */
export async function claimOrWait(
  db: Db,
  row: { eventId: string; userId: string; taskId: string; instance: string },
): Promise<Exclude<Claim, 'busy'>> {
  const deadline = Date.now() + (LEASE_SECONDS + 5) * 1000;
  for (;;) {
    const claim = await claimNotification(db, row);
    if (claim !== 'busy') return claim;
    if (Date.now() > deadline) throw new Error('notification claim still held after its lease');
    await sleep(1_000);
  }
}

export async function markSent(db: Db, eventId: string, messageId: string): Promise<void> {
  await db
    .updateTable('notification_history')
    .set({ status: 'sent', sent_at: sql<string>`now()`, message_id: messageId })
    .where('event_id', '=', eventId)
    .execute();
}

export async function markSkipped(db: Db, eventId: string, detail: string): Promise<void> {
  await db
    .updateTable('notification_history')
    .set({ status: 'skipped', detail })
    .where('event_id', '=', eventId)
    .execute();
}

/** Gives a claim back after a failed send, so that the redelivery can try again. */
export async function releaseClaim(db: Db, eventId: string): Promise<void> {
  await db
    .deleteFrom('notification_history')
    .where('event_id', '=', eventId)
    .where('status', '=', 'sending')
    .execute();
}
