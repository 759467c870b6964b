/**
 * Notifier: turns reminder.due events into e-mails. A notification_history row per event makes
 * redeliveries and a second replica send nothing twice; a task completed or deleted since the
 * reminder fired gets no mail.
 */
import nodemailer from 'nodemailer';
import { runEventWorker } from '../platform/event-worker.ts';
import { prometheus, registry } from '../platform/metrics.ts';
import { readSecrets } from '../platform/secrets.ts';
import { topics } from '../schemas/events.ts';
import {
  TASK_ACTOR_TYPE,
  taskActorResultSchema,
  type TaskActorCall,
} from '../schemas/task-actor.ts';
import { USER_ACTOR_TYPE, userActorResultSchema, type UserActorCall } from '../schemas/user.ts';
import {
  claimOrWait,
  markSent,
  markSkipped,
  releaseClaim,
} from './notifications/notification-history.ts';
import { renderReminderMail } from './notifications/reminder-mail.ts';

const outcomes = new prometheus.Counter({
  name: 'notifications_total',
  help: 'Reminder notifications by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const instance = process.env.APP_INSTANCE ?? process.env.APP_ID ?? 'notifier';
const publicUrl = process.env.PUBLIC_URL ?? 'http://127.0.0.1:3000';
const from = process.env.MAIL_FROM ?? 'Todo Chatbot <reminders@todo-chatbot.local>';

await runEventWorker('notifier', async ({ db, dapr, logger }) => {
  const store = process.env.SECRET_STORE ?? 'local-secrets';
  const smtp = await readSecrets(dapr, store, [
    'smtp-host',
    'smtp-port',
    'smtp-user',
    'smtp-password',
  ]);
  const [host, port, user, pass] = [
    smtp['smtp-host'],
    smtp['smtp-port'],
    smtp['smtp-user'],
    smtp['smtp-password'],
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

        try {
          const caller = { user_id: event.user_id, correlation_id: event.correlation_id };
          const taskCall: TaskActorCall<'get'> = { caller };
          const current = taskActorResultSchema.parse(
            await dapr.invokeActor(TASK_ACTOR_TYPE, event.task_id, 'get', taskCall),
          );
          if (!current.ok || current.task.status === 'completed') {
            await markSkipped(db, event.event_id, current.ok ? 'task completed' : 'task deleted');
            return void outcomes.inc({ outcome: 'skipped' });
          }
          const profileCall: UserActorCall<'getProfile'> = { caller };
          const profile = userActorResultSchema.parse(
            await dapr.invokeActor(USER_ACTOR_TYPE, event.user_id, 'getProfile', profileCall),
          );
          if (!profile.ok || !profile.profile.email || !profile.profile.notifications.email) {
            await markSkipped(db, event.event_id, 'no e-mail address or e-mail notifications off');
            return void outcomes.inc({ outcome: 'skipped' });
          }
          const mail = renderReminderMail({
            task: current.task,
            reminder: event.data.reminder,
            timeZone: profile.profile.time_zone,
            link: `${publicUrl}/#/tasks/${current.task.id}`,
          });
          const messageId = `<${event.event_id}@todo-chatbot>`;
          await transport.sendMail({
            from,
            to: profile.profile.email,
            messageId,
            ...mail,
            headers: { 'X-Task-Id': current.task.id },
          });
          await markSent(db, event.event_id, messageId);
          outcomes.inc({ outcome: 'sent' });
          logger.info('reminder mail sent', { event_id: event.event_id, task_id: event.task_id });
        } catch (error) {
          await releaseClaim(db, event.event_id).catch(() => undefined);
          outcomes.inc({ outcome: 'failed' });
          throw error;
        }
      },
    },
  ];
});
