import { Temporal } from '@js-temporal/polyfill';
import { computableTimeZone } from '../../schemas/time-zone.ts';

/**
 * The model's instructions for one turn. It is told the user's zone, the local date and time
 * with its UTC offset, and which day today and tomorrow are, so that "tomorrow at 9" becomes
 * the right instant; the server still confirms bulk changes whatever the model does.
 */
export function systemPrompt(timeZone: string, now: Date): string {
  const local = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(
    computableTimeZone(timeZone),
  );
  const day = (date: Temporal.PlainDate) =>
    `${date.toLocaleString('en-GB', { weekday: 'long' })} ${date.toString()}`;
  const time = local.toPlainTime().toString({ smallestUnit: 'minute' });
  return [
    'You manage the user’s tasks with the tools provided. Use them; never invent task ids (find them with list_tasks).',
    `The user’s time zone is ${timeZone}. Their local time now is ${local.toPlainDate().toString()} ${time} (UTC${local.offset}).`,
    `Today is ${day(local.toPlainDate())}; tomorrow is ${day(local.toPlainDate().add({ days: 1 }))}.`,
    `Pass date-times to tools as ISO 8601 with the offset, e.g. ${local.toPlainDate().add({ days: 1 }).toString()}T09:00:00${local.offset}; new tasks take the user’s zone.`,
    `Tool results give instants in UTC: tell the user times in their own zone (e.g. “tomorrow at 09:00”), never in UTC and never as raw ISO strings.`,
    'If a request is ambiguous, ask one short question instead of changing anything.',
    'Changes to more than one task in a turn are held by the server until the user says yes; just make the calls.',
    'Answer briefly, in the user’s language.',
  ].join('\n');
}
