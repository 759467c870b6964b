import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { LEASE_SECONDS } from './notification-history.ts';

export interface VerificationMailRow {
  id: string;
  user_id: string;
  email: string;
  attempts: number;
}

/**
 * Takes the oldest verification mail still to send: a pending one, or one whose sender died or
 * failed more than a lease ago (the lease is the retry delay). SKIP LOCKED lets the replicas
 * take different rows at the same moment instead of queueing on one.
 */
export async function claimVerificationMail(
  db: Db,
  instance: string,
): Promise<VerificationMailRow | undefined> {
  const { rows } = await sql<VerificationMailRow>`
    update verification_mails
       set status = 'sending', claimed_by = ${instance}, claimed_at = now(), attempts = attempts + 1
     where id = (
       select id from verification_mails
        where status = 'pending'
           or (status = 'sending'
               and claimed_at < now() - make_interval(secs => ${LEASE_SECONDS}))
        order by requested_at
        limit 1
        for update skip locked)
    returning id, user_id, email, attempts`.execute(db);
  return rows[0];
}

export async function markVerificationSent(db: Db, id: string, messageId: string): Promise<void> {
  await db
    .updateTable('verification_mails')
    .set({ status: 'sent', sent_at: sql<string>`now()`, message_id: messageId })
    .where('id', '=', id)
    .execute();
}

export async function markVerificationSkipped(db: Db, id: string, detail: string): Promise<void> {
  await db
    .updateTable('verification_mails')
    .set({ status: 'skipped', detail })
    .where('id', '=', id)
    .execute();
}
