import { z } from 'zod';
import { baseEnvSchema } from '../../platform/config.ts';

export const notifierEnvSchema = baseEnvSchema.extend({
  /** Which replica claimed a mail, in the history rows. */
  APP_INSTANCE: z.string().optional(),
  /** Where links in mails point: the gateway, or the ingress in front of it. */
  PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
  MAIL_FROM: z.string().default('Todo Chatbot <reminders@todo-chatbot.local>'),
  /** Mails per user and UTC day, reminders and verification mails together. */
  MAIL_DAILY_CAP: z.coerce.number().int().positive().default(50),
  /** How often each replica looks for verification mails to send. */
  VERIFICATION_POLL_MS: z.coerce.number().int().positive().default(1000),
});
export type NotifierConfig = z.infer<typeof notifierEnvSchema>;
