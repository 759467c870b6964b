import { Temporal } from '@js-temporal/polyfill';
import { z } from 'zod';
import { resolveDateBound } from './date-bound.ts';
import type { TaskStatus } from './task.ts';
import { computableTimeZone } from './time-zone.ts';

/**
 * The views of a person's day, as the web page shows them. Days are the user's profile zone's
 * days, so "today" is the same list on every device and the counts agree with the lists.
 */
export const taskViewSchema = z.enum(['today', 'upcoming', 'overdue', 'completed', 'all']).meta({
  description:
    '`today`: open tasks due by the end of today (overdue ones included); `upcoming`: open tasks ' +
    'due from tomorrow on; `overdue`: open tasks whose due time has passed; `completed`: ' +
    'completed and skipped tasks, most recently closed first; `all`: every task. Days are ' +
    'days of your profile time zone. Not combinable with status, due bounds or overdue.',
});
export type TaskView = z.infer<typeof taskViewSchema>;
export const taskViews = taskViewSchema.options;

const open: TaskStatus[] = ['pending', 'in_progress'];

/** What a view adds to a list query: instants, computed for `now` in `timeZone`. */
export interface ViewFilter {
  status?: TaskStatus[];
  due_from?: string;
  due_to?: string;
  overdue?: boolean;
}

export function viewFilter(view: TaskView, now: Date, timeZone: string): ViewFilter {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(computableTimeZone(timeZone))
    .toPlainDate();
  const day = (date: Temporal.PlainDate, edge: 'start' | 'end') =>
    resolveDateBound({ kind: 'date', value: date.toString() }, edge, timeZone);
  switch (view) {
    case 'today':
      return { status: open, due_to: day(today, 'end') };
    case 'upcoming':
      return { status: open, due_from: day(today.add({ days: 1 }), 'start') };
    case 'overdue':
      return { status: open, overdue: true };
    case 'completed':
      return { status: ['completed', 'skipped'] };
    case 'all':
      return {};
  }
}

/** How many tasks each view holds (with the same search and filters applied). */
export const taskCountsSchema = z.object(
  Object.fromEntries(taskViews.map((view) => [view, z.number().int().min(0)])) as Record<
    TaskView,
    z.ZodNumber
  >,
);
export type TaskCounts = z.infer<typeof taskCountsSchema>;
