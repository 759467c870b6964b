import { eventually } from './eventually.ts';

/**
 * The stack's SMTP sink, read over its HTTP API. Free of vitest, so the shared-stack tests and
 * `npm run chaos` both use it.
 */
export interface SinkMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
}

/** Everything the sink received so far, oldest first. */
export async function sinkMessages(sinkUrl: string): Promise<SinkMessage[]> {
  return (await (await fetch(`${sinkUrl}/api/messages`)).json()) as SinkMessage[];
}

export const isVerificationMail = (message: SinkMessage): boolean =>
  message.subject.startsWith('Confirm your e-mail');

/** Waits until `address` has had `count` verification mails; answers the link in the newest. */
export async function verificationLinkIn(
  sinkUrl: string,
  address: string,
  count = 1,
): Promise<string> {
  const mails = await eventually(`verification mail ${count} to ${address}`, async () => {
    const found = (await sinkMessages(sinkUrl)).filter(
      (message) => message.to === address && isVerificationMail(message),
    );
    return found.length >= count ? found : undefined;
  });
  const link = /https?:\/\/\S+\/api\/v1\/auth\/verify-email\?token=[\w.%-]+/.exec(
    mails[count - 1]!.text,
  )?.[0];
  if (!link) throw new Error(`no verification link in the mail to ${address}`);
  return link;
}

/** Follows the verification link mailed to `address`, as its owner would. */
export async function followVerificationLink(sinkUrl: string, address: string): Promise<void> {
  const response = await fetch(await verificationLinkIn(sinkUrl, address));
  if (response.status !== 200)
    throw new Error(`verifying ${address} answered ${response.status}: ${await response.text()}`);
}
