import { Temporal } from '@js-temporal/polyfill';
import { escapeHtml } from '../../platform/escape-html.ts';
import type { SnoozeInput } from '../../schemas/snooze.ts';

/** "10 minutes", "1 hour 30 minutes", "2 days": a duration as a reader says it. */
export function describeDuration(iso: string): string {
  const duration = Temporal.Duration.from(iso);
  const parts = (['weeks', 'days', 'hours', 'minutes', 'seconds'] as const)
    .filter((unit) => duration[unit] !== 0)
    .map((unit) => `${duration[unit]} ${duration[unit] === 1 ? unit.slice(0, -1) : unit}`);
  return parts.join(' ');
}

const describeInstant = (instant: string, timeZone: string) =>
  `${new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(instant))} (${timeZone})`;

/**
 * What a person sees after following a snooze link in a reminder mail. Following the link (a GET,
 * which mail scanners also do) only asks; the button (a POST to the same address) snoozes, so a
 * scanner opening all three links of a mail snoozes nothing. The stable code of a problem is on
 * the page (data-code), for support and for tests.
 */
export function snoozePage(
  outcome:
    | { kind: 'confirm'; title: string; timeZone: string; snooze: SnoozeInput; action: string }
    | { kind: 'done'; title: string; until: string | null; timeZone: string }
    | { kind: 'failed'; code: string; message: string },
): string {
  let heading: string;
  let body: string;
  switch (outcome.kind) {
    case 'confirm': {
      const when =
        'for' in outcome.snooze
          ? `in ${describeDuration(outcome.snooze.for)}`
          : `on ${describeInstant(outcome.snooze.until, outcome.timeZone)}`;
      heading = 'Snooze this reminder?';
      body = `<p>Remind me of <strong>${escapeHtml(outcome.title)}</strong> again ${escapeHtml(when)}.</p>
<form method="post" action="${escapeHtml(outcome.action)}"><button type="submit">Snooze</button></form>`;
      break;
    }
    case 'done':
      heading = 'Reminder snoozed';
      body = outcome.until
        ? `<p>You will be reminded of <strong>${escapeHtml(outcome.title)}</strong> again on
<time datetime="${escapeHtml(outcome.until)}">${escapeHtml(describeInstant(outcome.until, outcome.timeZone))}</time>.</p>`
        : `<p>You will be reminded of <strong>${escapeHtml(outcome.title)}</strong> again.</p>`;
      break;
    case 'failed':
      heading = 'This link does not work';
      body = `<p data-code="${escapeHtml(outcome.code)}">${escapeHtml(outcome.message)}.</p>`;
      break;
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} – Todo Chatbot</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<h1>${heading}</h1>
${body}
<p><a href="/">Open Todo Chatbot</a></p>
</body></html>`;
}
