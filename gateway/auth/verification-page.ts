import { escapeHtml } from '../../platform/escape-html.ts';

/**
 * What a person sees after clicking the link in a verification mail: a page, not JSON. The
 * problem's stable code is on the page too (data-code), for support and for tests.
 */
export function verificationPage(
  outcome: { ok: true; email: string } | { ok: false; code: string; message: string },
): string {
  const [title, body] = outcome.ok
    ? [
        'E-mail address confirmed',
        `<p>Reminders will now be mailed to <strong>${escapeHtml(outcome.email)}</strong>.</p>`,
      ]
    : [
        'This link does not work',
        `<p data-code="${escapeHtml(outcome.code)}">${escapeHtml(outcome.message)}.</p>
<p>Ask for a new link from your profile.</p>`,
      ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Todo Chatbot</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<h1>${title}</h1>
${body}
<p><a href="/">Open Todo Chatbot</a></p>
</body></html>`;
}
