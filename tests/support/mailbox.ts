import { inject } from 'vitest';
import {
  followVerificationLink,
  isVerificationMail,
  sinkMessages,
  verificationLinkIn,
  type SinkMessage,
} from './smtp-sink.ts';

export type { SinkMessage };

const sinkUrl = () => inject('stack').smtpSinkUrl;

/** The mail the stack's SMTP sink received so far. */
export const receivedMail = (): Promise<SinkMessage[]> => sinkMessages(sinkUrl());

export const mailTo = async (address: string): Promise<SinkMessage[]> =>
  (await receivedMail()).filter((message) => message.to === address);

/** Reminder mails to an address (an address gets verification mails too). */
export const reminderMailTo = async (address: string): Promise<SinkMessage[]> =>
  (await mailTo(address)).filter((message) => !isVerificationMail(message));

export const verificationMailTo = async (address: string): Promise<SinkMessage[]> =>
  (await mailTo(address)).filter(isVerificationMail);

/** The link in the `count`th verification mail to `address`, once it has arrived. */
export const verificationLink = (address: string, count = 1): Promise<string> =>
  verificationLinkIn(sinkUrl(), address, count);

/** Confirms `address` by following the link mailed to it. */
export const verifyEmail = (address: string): Promise<void> =>
  followVerificationLink(sinkUrl(), address);
