import { Temporal } from '@js-temporal/polyfill';
import { computableTimeZone } from '../../../schemas/time-zone.ts';
import { findWhen } from './when.ts';

/** A span of days on the user's wall clock, as instants: from is inclusive, to exclusive. */
export interface DueRange {
  due_from: string;
  due_to: string;
}

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const monthPattern = new RegExp(`\\b(?:in|during|for|of)\\s+(${months.join('|')})\\b`, 'i');

/**
 * The days a question asks about, in the user's zone: "today", "tomorrow", "this week" (Monday
 * to Sunday), "next week", "this weekend", "this month", "in March", "the next 5 days", or any one
 * day the date reader finds ("on Friday", "march 7th"). Undefined when it names none.
 */
export function dueRange(text: string, zone: string, now: Date): DueRange | undefined {
  const timeZone = computableTimeZone(zone);
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  const span = (from: Temporal.PlainDate, days: number): DueRange => ({
    due_from: startOf(from, timeZone),
    due_to: startOf(from.add({ days }), timeZone),
  });
  const monday = today.subtract({ days: today.dayOfWeek - 1 });
  const lower = text.toLowerCase();
  const ahead = lower.match(/\b(?:next|coming|following)\s+(\d{1,3})\s+days\b/);
  if (ahead) return span(today, Math.min(Number(ahead[1]), 366));
  // "the rest of the day / week / month": from today to its end (a range is whole days).
  if (/\brest of (?:the day|today|tonight)\b/.test(lower)) return span(today, 1);
  if (/\brest of (?:the|this) week\b/.test(lower)) return span(today, 8 - today.dayOfWeek);
  if (/\brest of (?:the|this) month\b/.test(lower))
    return span(today, today.daysInMonth - today.day + 1);
  if (/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/.test(lower)) return span(today, 1);
  if (/\btomorrow\b/.test(lower)) return span(today.add({ days: 1 }), 1);
  if (/\byesterday\b/.test(lower)) return span(today.subtract({ days: 1 }), 1);
  if (/\bnext weekend\b/.test(lower)) return span(monday.add({ days: 12 }), 2);
  if (/\b(?:this |the )?weekend\b/.test(lower)) return span(monday.add({ days: 5 }), 2);
  if (/\bnext week\b/.test(lower)) return span(monday.add({ days: 7 }), 7);
  if (/\b(?:this|the|current) week\b|\bweek ahead\b/.test(lower)) return span(monday, 7);
  const firstOfMonth = today.with({ day: 1 });
  if (/\bnext month\b/.test(lower)) {
    const next = firstOfMonth.add({ months: 1 });
    return span(next, next.daysInMonth);
  }
  if (/\b(?:this|the|current) month\b/.test(lower)) return span(firstOfMonth, today.daysInMonth);
  const month = lower.match(monthPattern);
  if (month && !/\d/.test(lower.slice(month.index!, month.index! + month[0].length + 5))) {
    const index = months.indexOf(month[1]!) + 1;
    let first = firstOfMonth.with({ month: index });
    if (index < today.month) first = first.add({ years: 1 });
    return span(first, first.daysInMonth);
  }
  const when = findWhen(text, zone, now);
  if (!when) return undefined;
  const day = Temporal.Instant.from(when.instant).toZonedDateTimeISO(timeZone).toPlainDate();
  return span(day, 1);
}

const startOf = (date: Temporal.PlainDate, timeZone: string) =>
  date.toZonedDateTime({ timeZone }).toInstant().toString({ smallestUnit: 'millisecond' });
