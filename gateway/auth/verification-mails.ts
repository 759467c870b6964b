import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';

/**
 * Queues a verification mail for the notifier (which signs the link when it sends). Takes a
 * transaction too: at sign-up the request commits with the account, or neither does.
 */
export async function requestVerificationMail(
  db: Db,
  userId: string,
  email: string,
): Promise<void> {
  await db
    .insertInto('verification_mails')
    .values({ id: randomUUID(), user_id: userId, email })
    .execute();
}
