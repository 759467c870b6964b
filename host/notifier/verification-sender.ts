import { setTimeout as sleep } from 'node:timers/promises';
import type { Transporter } from 'nodemailer';
import {
  signVerificationToken,
  VERIFICATION_TOKEN_SECONDS,
} from '../../platform/auth/email-verification-token.ts';
import type { DaprClientHttp } from '../../platform/dapr.ts';
import type { Db } from '../../db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import { CAP_REACHED, releaseDailyMail, reserveDailyMail } from './daily-mail-cap.ts';
import { currentProfile } from './profiles.ts';
import {
  claimVerificationMail,
  markVerificationSent,
  markVerificationSkipped,
} from './verification-queue.ts';
import { renderVerificationMail } from './verification-mail.ts';

/** A mail that failed this often (each retry a lease apart) is given up, with the reason. */
const MAX_ATTEMPTS = 5;

export interface VerificationSenderDeps {
  db: Db;
  dapr: Pick<DaprClientHttp, 'invokeActor'>;
  transport: Pick<Transporter, 'sendMail'>;
  logger: Logger;
  jwtSecret: string;
  instance: string;
  from: string;
  publicUrl: string;
  dailyCap: number;
  outcome: (outcome: string) => void;
}

/**
 * Sends the oldest verification mail waiting, if any; answers whether there was one. The link is
 * signed here, at the moment of sending, so the token exists only in the mail itself: not in the
 * queue, not in a log.
 */
export async function sendNextVerificationMail(deps: VerificationSenderDeps): Promise<boolean> {
  const { db, logger } = deps;
  const row = await claimVerificationMail(db, deps.instance);
  if (!row) return false;
  const skip = async (detail: string) => {
    await markVerificationSkipped(db, row.id, detail);
    deps.outcome('skipped');
  };
  if (row.attempts > MAX_ATTEMPTS) {
    await skip(`gave up after ${MAX_ATTEMPTS} attempts`);
    return true;
  }
  let reservation: Awaited<ReturnType<typeof reserveDailyMail>>;
  try {
    const profile = await currentProfile(deps.dapr, row.user_id, `verification-${row.id}`);
    // Checked again now: the address may have changed, or been confirmed, since the request.
    if (!profile || profile.email !== row.email) return (await skip('address changed'), true);
    if (profile.email_verified) return (await skip('already verified'), true);
    reservation = await reserveDailyMail(db, row.user_id, deps.dailyCap);
    if (!reservation) return (await skip(CAP_REACHED), true);
    const token = await signVerificationToken(deps.jwtSecret, {
      userId: row.user_id,
      email: row.email,
    });
    const link = `${deps.publicUrl}/api/v1/auth/verify-email?token=${encodeURIComponent(token)}`;
    const messageId = `<${row.id}@todo-chatbot>`;
    await deps.transport.sendMail({
      from: deps.from,
      to: row.email,
      messageId,
      ...renderVerificationMail({
        email: row.email,
        link,
        hours: VERIFICATION_TOKEN_SECONDS / 3600,
      }),
    });
    await markVerificationSent(db, row.id, messageId);
    deps.outcome('sent');
    logger.info('verification mail sent', { verification_id: row.id, user_id: row.user_id });
  } catch (error) {
    // Left claimed: another attempt takes it once the lease is over, which spaces the retries.
    if (reservation) await releaseDailyMail(db, reservation).catch(() => undefined);
    deps.outcome('failed');
    logger.error('verification mail failed, retried after the lease', {
      verification_id: row.id,
      attempt: row.attempts,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  return true;
}

/** Sends what is waiting, then looks again every `intervalMs`, until `stop` is called. */
export function pollVerificationMails(
  deps: VerificationSenderDeps,
  intervalMs: number,
): { stop: () => Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        while (!stopped && (await sendNextVerificationMail(deps)));
      } catch (error) {
        deps.logger.warn('verification mail queue unavailable', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      await sleep(intervalMs);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
