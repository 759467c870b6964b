import type { Reminder } from '../../schemas/reminder.ts';
import type { Task } from '../../schemas/task.ts';
import { escapeHtml } from '../../platform/escape-html.ts';
import type { Mail } from './mail.ts';
import { computableTimeZone } from '../../schemas/time-zone.ts';
import type { SnoozeLink } from './snooze-links.ts';

/**
 * "Tue, 1 Dec 2026, 09:00 (Europe/Berlin)" in the reader's zone. The zone is named, not
 * abbreviated: abbreviations are ambiguous and many zones have none.
 */
export function formatInstant(instant: string, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: computableTimeZone(timeZone),
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
  return `${local} (${timeZone})`;
}

/** Pure: the e-mail for a due reminder, with times in the recipient's time zone. */
export function renderReminderMail(input: {
  task: Task;
  reminder: Reminder;
  timeZone: string;
  link: string;
  /** Links that snooze this reminder without logging in. */
  snoozeLinks?: readonly SnoozeLink[];
}): Mail {
  const { task, timeZone, link, snoozeLinks = [] } = input;
  const due = task.due_at ? formatInstant(task.due_at, timeZone) : undefined;
  const subject = due ? `Reminder: ${task.title} (due ${due})` : `Reminder: ${task.title}`;
  const lines = [
    `Reminder: ${task.title}`,
    '',
    due ? `Due: ${due}` : 'No due date',
    `Priority: ${task.priority}`,
    ...(task.tags.length > 0 ? [`Tags: ${task.tags.join(', ')}`] : []),
    ...(task.description ? ['', task.description] : []),
    '',
    `Open the task: ${link}`,
    ...(snoozeLinks.length > 0
      ? [
          '',
          'Remind me again in:',
          ...snoozeLinks.map((snooze) => `- ${snooze.label}: ${snooze.url}`),
        ]
      : []),
  ];
  const html = `<!doctype html><html><body style="font-family: system-ui, sans-serif">
<h2 style="margin:0 0 8px">${escapeHtml(task.title)}</h2>
<p style="margin:0 0 4px">${due ? `Due <strong>${escapeHtml(due)}</strong>` : 'No due date'} · priority ${escapeHtml(task.priority)}</p>
${task.tags.length > 0 ? `<p style="margin:0 0 4px">${task.tags.map((tag) => `#${escapeHtml(tag)}`).join(' ')}</p>` : ''}
${task.description ? `<p style="white-space:pre-wrap">${escapeHtml(task.description)}</p>` : ''}
<p><a href="${escapeHtml(link)}">Open the task</a></p>
${snoozeLinks.length > 0 ? `<p>Remind me again in: ${snoozeLinks.map((snooze) => `<a href="${escapeHtml(snooze.url)}">${escapeHtml(snooze.label)}</a>`).join(' · ')}</p>` : ''}
</body></html>`;
  return { subject, text: lines.join('\n'), html };
}
