/**
 * Notifier: turns reminder.due events into e-mails, and sends the verification mails the gateway
 * queues. What a reminder event leads to is decided in reminder-notifier.ts; this
 * process backs its ports with PostgreSQL (a notification_history row per event, the daily
 * counts), the actors and SMTP.
 */
import nodemailer from 'nodemailer';
import { CallerSigner } from '../../platform/auth/caller-assertion.ts';
import { loadConfig } from '../../platform/config.ts';
import { appDatabase } from '../../db/database.ts';
import { runEventWorker } from '../../platform/event-worker.ts';
import { prometheus, registry } from '../../platform/metrics.ts';
import { readSecrets } from '../../platform/secrets.ts';
import { onShutdown } from '../../platform/shutdown.ts';
import { topics } from '../../schemas/events.ts';
import {
  TASK_ACTOR_TYPE,
  taskActorResultSchema,
  type TaskActorCall,
} from '../../schemas/task-actor.ts';
import { releaseDailyMail, reserveDailyMail } from './daily-mail-cap.ts';
import { claimOrWait, markSent, markSkipped, releaseClaim } from './notification-history.ts';
import { notifierEnvSchema } from './notifier-config.ts';
import { currentProfile } from './profiles.ts';
import { handleReminderEvent, type ReminderNotifierPorts } from './reminder-notifier.ts';
import { pollVerificationMails } from './verification-sender.ts';

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

await runEventWorker('notifier', appDatabase, async ({ db, dapr: sidecar, logger }) => {
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

  const reminders: ReminderNotifierPorts = {
    claim: (row) => claimOrWait(db, { ...row, instance }),
    markSkipped: (eventId, reason) => markSkipped(db, eventId, reason),
    markSent: (eventId, messageId) => markSent(db, eventId, messageId),
    releaseClaim: (eventId) => releaseClaim(db, eventId),
    reserveMail: (userId) => reserveDailyMail(db, userId, config.MAIL_DAILY_CAP),
    releaseMail: (reservation) => releaseDailyMail(db, reservation),
    currentTask: async (caller, taskId) => {
      const call: TaskActorCall<'get'> = { caller };
      return taskActorResultSchema.parse(
        await dapr.invokeActor(TASK_ACTOR_TYPE, taskId, 'get', call),
      );
    },
    currentProfile: (userId, correlationId) => currentProfile(dapr, userId, correlationId),
    send: async (mail) => {
      await transport.sendMail(mail);
    },
    outcome: (outcome) => outcomes.inc({ outcome }),
    logger,
  };
  const settings = {
    jwtSecret: secrets['jwt-secret']!,
    publicUrl: config.PUBLIC_URL,
    from: config.MAIL_FROM,
  };

  return [
    {
      topic: topics.reminders,
      handle: (event) => handleReminderEvent(event, reminders, settings),
    },
  ];
});
