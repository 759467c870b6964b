import { inject } from 'vitest';

export interface SinkMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
}

/** The mail the stack's SMTP sink received so far. */
export async function receivedMail(): Promise<SinkMessage[]> {
  return (await (
    await fetch(`${inject('stack').smtpSinkUrl}/api/messages`)
  ).json()) as SinkMessage[];
}

export const mailTo = async (address: string): Promise<SinkMessage[]> =>
  (await receivedMail()).filter((message) => message.to === address);
