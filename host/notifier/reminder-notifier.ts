import type { EventType, TypedEnvelope } from '../../schemas/events.ts';
import type { TaskActorResult } from '../../schemas/task-actor.ts';
import { isClosed } from '../../schemas/task.ts';
import type { Profile } from '../../schemas/user.ts';
import { CAP_REACHED, type MailReservation } from './daily-mail-cap.ts';
import type { Mail } from './mail.ts';
import { recordSent } from './record-sent.ts';
import { renderReminderMail } from './reminder-mail.ts';
import { snoozeLinks } from './snooze-links.ts';

/** What became of a reminder event, counted by the notifier's metric. */
export type ReminderOutcome = 'sent' | 'duplicate' | 'skipped' | 'capped' | 'failed';

/** A reminder mail, addressed, as it goes to the SMTP server. */
export interface OutgoingMail extends Mail {
  from: string;
  to: string;
  messageId: string;
  headers: Record<string, string>;
}

/**
 * What handling a reminder needs from the world. The notifier process backs these with
 * PostgreSQL (notification_history, mail_daily_counts), the actors and SMTP; the unit tests with
 * memory.
 */
export interface ReminderNotifierPorts {
  /**
   * Claims the event's mail for this replica, waiting out another replica's claim: 'done' when
   * the mail was sent or skipped before (a redelivery, or a second replica).
   */
  claim(row: { eventId: string; userId: string; taskId: string }): Promise<'claimed' | 'done'>;
  markSkipped(eventId: string, reason: string): Promise<void>;
  markSent(eventId: string, messageId: string): Promise<void>;
  /** Gives a claim back after a failure, so that the redelivery can try again. */
  releaseClaim(eventId: string): Promise<void>;
  /** Counts one mail against the user's daily cap; undefined when the cap is reached. */
  reserveMail(userId: string): Promise<MailReservation | undefined>;
  releaseMail(reservation: MailReservation): Promise<void>;
  /** The task as its actor has it now, asked for the event's user. */
  currentTask(
    caller: { user_id: string; correlation_id: string },
    taskId: string,
  ): Promise<TaskActorResult>;
  /** The recipient's profile as their actor has it now; undefined if it refuses. */
  currentProfile(userId: string, correlationId: string): Promise<Profile | undefined>;
  send(mail: OutgoingMail): Promise<void>;
  outcome(outcome: ReminderOutcome): void;
  logger: {
    info(message: string, meta: Record<string, unknown>): void;
    error(message: string, meta: Record<string, unknown>): void;
  };
}

export interface ReminderNotifierSettings {
  /** Signs the snooze links. */
  jwtSecret: string;
  /** Where the links in the mail point. */
  publicUrl: string;
  from: string;
  /** How a mail the SMTP server accepted is recorded (see record-sent.ts). */
  recordRetry?: { attempts?: number; pauseMs?: number };
}

/**
 * Turns one reminder.due event into at most one e-mail. A reminder goes only to a verified
 * address and within the user's daily cap; what is held back is recorded with the reason. The
 * claim by event_id makes redeliveries and a second replica send nothing twice; a task completed
 * or deleted since the reminder fired gets no mail. Other events are not the notifier's.
 */
export async function handleReminderEvent(
  event: TypedEnvelope<EventType>,
  ports: ReminderNotifierPorts,
  settings: ReminderNotifierSettings,
): Promise<void> {
  if (event.event_type !== 'reminder.due') return;
  const claim = await ports.claim({
    eventId: event.event_id,
    userId: event.user_id,
    taskId: event.task_id,
  });
  if (claim === 'done') return ports.outcome('duplicate');

  const skip = async (reason: string, outcome: ReminderOutcome = 'skipped') => {
    await ports.markSkipped(event.event_id, reason);
    ports.outcome(outcome);
  };
  let reservation: MailReservation | undefined;
  let messageId: string | undefined;
  try {
    const current = await ports.currentTask(
      { user_id: event.user_id, correlation_id: event.correlation_id },
      event.task_id,
    );
    if (!current.ok || isClosed(current.task.status))
      return await skip(current.ok ? `task ${current.task.status}` : 'task deleted');
    const profile = await ports.currentProfile(event.user_id, event.correlation_id);
    if (!profile || !profile.email || !profile.notifications.email)
      return await skip('no e-mail address or e-mail notifications off');
    // The browser still shows the reminder (realtime toast); only the mail waits for proof
    // that the address belongs to the user.
    if (!profile.email_verified) return await skip('email not verified');
    reservation = await ports.reserveMail(event.user_id);
    if (!reservation) return await skip(CAP_REACHED, 'capped');
    const mail = renderReminderMail({
      task: current.task,
      reminder: event.data.reminder,
      timeZone: profile.time_zone,
      link: `${settings.publicUrl}/#/tasks/${current.task.id}`,
      snoozeLinks: await snoozeLinks({
        jwtSecret: settings.jwtSecret,
        publicUrl: settings.publicUrl,
        userId: event.user_id,
        taskId: current.task.id,
        reminder: event.data.reminder,
        timeZone: profile.time_zone,
      }),
    });
    messageId = `<${event.event_id}@todo-chatbot>`;
    await ports.send({
      from: settings.from,
      to: profile.email,
      messageId,
      ...mail,
      headers: { 'X-Task-Id': current.task.id },
    });
  } catch (error) {
    // Nothing was sent: give the claim back, so the redelivery can try again.
    if (reservation) await ports.releaseMail(reservation).catch(() => undefined);
    await ports.releaseClaim(event.event_id).catch(() => undefined);
    ports.outcome('failed');
    throw error;
  }
  // Sent: from here on nothing may give the claim back or ask for a redelivery.
  const sentId = messageId;
  await recordSent(
    () => ports.markSent(event.event_id, sentId),
    (error) =>
      ports.logger.error('reminder mail sent but not recorded', {
        event_id: event.event_id,
        error,
      }),
    settings.recordRetry,
  );
  ports.outcome('sent');
  ports.logger.info('reminder mail sent', { event_id: event.event_id, task_id: event.task_id });
}
