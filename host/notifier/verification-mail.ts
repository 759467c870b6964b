import { escapeHtml } from '../../platform/escape-html.ts';
import type { Mail } from './mail.ts';

/** Pure: the mail that asks the owner of an address to confirm it, with the signed link. */
export function renderVerificationMail(input: {
  email: string;
  link: string;
  hours: number;
}): Mail {
  const { email, link, hours } = input;
  const text = [
    'Confirm your e-mail address for Todo Chatbot',
    '',
    `Someone (hopefully you) asked for reminders to be mailed to ${email}.`,
    'Open this link to confirm the address; until then reminders are shown in the browser only:',
    '',
    link,
    '',
    `The link works for ${hours} hours. If you did not ask for this, ignore this mail:`,
    'nothing will be sent to this address.',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family: system-ui, sans-serif">
<h2 style="margin:0 0 8px">Confirm your e-mail address</h2>
<p>Someone (hopefully you) asked for Todo Chatbot reminders to be mailed to <strong>${escapeHtml(email)}</strong>.
Until you confirm, reminders are shown in the browser only.</p>
<p><a href="${escapeHtml(link)}">Confirm ${escapeHtml(email)}</a></p>
<p style="color:#555">The link works for ${hours} hours. If you did not ask for this, ignore this mail: nothing will be sent to this address.</p>
</body></html>`;
  return { subject: 'Confirm your e-mail address for Todo Chatbot', text, html };
}
