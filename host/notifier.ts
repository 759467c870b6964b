/**
 * Notifier: turns reminder.due events into e-mails, and sends the verification mails the gateway
 * queues. A reminder goes only to a verified address, and no user gets more than MAIL_DAILY_CAP
 * mails a day; what is held back is recorded with the reason. A notification_history row per
 * event makes redeliveries and a second replica send nothing twice; a task completed or deleted
 * since the reminder fired gets no mail.
 */
import nodemailer from 'nodemailer';
import { CallerSigner } from '../platform/auth/caller-assertion.ts';
import { loadConfig } from '../platform/config.ts';
import { runEventWorker } from '../platform/event-worker.ts';
import { prometheus, registry } from '../platform/metrics.ts';
import { readSecrets } from '../platform/secrets.ts';
import { onShutdown } from '../platform/shutdown.ts';
import { recordSent } from './notifications/record-sent.ts';
import { topics } from '../schemas/events.ts';
import { isClosed } from '../schemas/task.ts';
import {
  TASK_ACTOR_TYPE,
  taskActorResultSchema,
  type TaskActorCall,
} from '../schemas/task-actor.ts';
import {
  CAP_REACHED,
  releaseDailyMail,
  reserveDailyMail,
  type MailReservation,
} from './notifications/daily-mail-cap.ts';
import {
  claimOrWait,
  markSent,
  markSkipped,
  releaseClaim,
} from './notifications/notification-history.ts';
import { notifierEnvSchema } from './notifications/notifier-config.ts';
import { currentProfile } from './notifications/profiles.ts';
import { renderReminderMail } from './notifications/reminder-mail.ts';
import { snoozeLinks } from './notifications/snooze-links.ts';
import { pollVerificationMails } from './notifications/verification-sender.ts';

const outcomes = new prometheus.Counter({
  name: 'notifications_total',
  help: 'Reminder notifications by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
const verificationOutcomes = new prometheus.Counter({
  name: 'verification_mails_total',
  help: 'E-mail verification mails by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const config = loadConfig(notifierEnvSchema);
const instance = config.APP_INSTANCE ?? config.APP_ID;

await runEventWorker('notifier', async ({ db, dapr: sidecar, logger }) => {
  const secrets = await readSecrets(sidecar, config.SECRET_STORE, [
    'smtp-host',
    'smtp-port',
    'smtp-user',
    'smtp-password',
    'jwt-secret',
    'caller-signing-key',
  ]);
  // Reads of the task and the profile say, signed, that the notifier asks, for the event's user.
  const dapr = sidecar.signingAs(new CallerSigner(config.APP_ID, secrets['caller-signing-key']));
  const [host, port, user, pass] = [
    secrets['smtp-host'],
    secrets['smtp-port'],
    secrets['smtp-user'],
    secrets['smtp-password'],
  ];
  const transport = nodemailer.createTransport({
    host,
    port: Number(port),
    secure: Number(port) === 465,
    requireTLS: false,
    ignoreTLS: host === '127.0.0.1' || host === 'localhost',
    auth: { user: user!, pass: pass! },
    pool: true,
    maxConnections: 4,
    // Bounded, so that a live send always ends within the claim's lease.
    connectionTimeout: 10_000,
    greetingTimeout: 5_000,
    socketTimeout: 15_000,
  });

  const verification = pollVerificationMails(
    {
      db,
      dapr,
      transport,
      logger,
      jwtSecret: secrets['jwt-secret']!,
      instance,
      from: config.MAIL_FROM,
      publicUrl: config.PUBLIC_URL,
      dailyCap: config.MAIL_DAILY_CAP,
      outcome: (outcome) => verificationOutcomes.inc({ outcome }),
    },
    config.VERIFICATION_POLL_MS,
  );
  onShutdown(() => verification.stop());

  return [
    {
      topic: topics.reminders,
      handle: async (event) => {
        if (event.event_type !== 'reminder.due') return;
        const claim = await claimOrWait(db, {
          eventId: event.event_id,
          userId: event.user_id,
          taskId: event.task_id,
          instance,
        });
        if (claim === 'done') return void outcomes.inc({ outcome: 'duplicate' });

        const skip = async (reason: string, outcome = 'skipped') => {
          await markSkipped(db, event.event_id, reason);
          outcomes.inc({ outcome });
        };
        let reservation: MailReservation | undefined;
        let messageId: string | undefined;
        try {
          const caller = { user_id: event.user_id, correlation_id: event.correlation_id };
          const taskCall: TaskActorCall<'get'> = { caller };
          const current = taskActorResultSchema.parse(
            await dapr.invokeActor(TASK_ACTOR_TYPE, event.task_id, 'get', taskCall),
          );
          if (!current.ok || isClosed(current.task.status))
            return await skip(current.ok ? `task ${current.task.status}` : 'task deleted');
          const profile = await currentProfile(dapr, event.user_id, event.correlation_id);
          if (!profile || !profile.email || !profile.notifications.email)
            return await skip('no e-mail address or e-mail notifications off');
          // The browser still shows the reminder (realtime toast); only the mail waits for proof
          // that the address belongs to the user.
          if (!profile.email_verified) return await skip('email not verified');
          reservation = await reserveDailyMail(db, event.user_id, config.MAIL_DAILY_CAP);
          if (!reservation) return await skip(CAP_REACHED, 'capped');
          const mail = renderReminderMail({
            task: current.task,
            reminder: event.data.reminder,
            timeZone: profile.time_zone,
            link: `${config.PUBLIC_URL}/#/tasks/${current.task.id}`,
            snoozeLinks: await snoozeLinks({
              jwtSecret: secrets['jwt-secret']!,
              publicUrl: config.PUBLIC_URL,
              userId: event.user_id,
              taskId: current.task.id,
              reminder: event.data.reminder,
              timeZone: profile.time_zone,
            }),
          });
          messageId = `<${event.event_id}@todo-chatbot>`;
          await transport.sendMail({
            from: config.MAIL_FROM,
            to: profile.email,
            messageId,
            ...mail,
            headers: { 'X-Task-Id': current.task.id },
          });
        } catch (error) {
          // Nothing was sent: give the claim back, so the redelivery can try again.
          if (reservation) await releaseDailyMail(db, reservation).catch(() => undefined);
          await releaseClaim(db, event.event_id).catch(() => undefined);
          outcomes.inc({ outcome: 'failed' });
          throw error;
        }
        // Sent: from here on nothing may give the claim back or ask for a redelivery.
        const sentId = messageId;
        await recordSent(
          () => markSent(db, event.event_id, sentId),
          (error) =>
            logger.error('reminder mail sent but not recorded', {
              event_id: event.event_id,
              error,
            }),
        );
        outcomes.inc({ outcome: 'sent' });
        logger.info('reminder mail sent', { event_id: event.event_id, task_id: event.task_id });
      },
    },
  ];
});
