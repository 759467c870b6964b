import { listTag } from './add-phrase.ts';
import { dueRange } from './date-range.ts';

/**
 * The list_tasks filters a question names: status, priority, tags or a list's name, recurring,
 * and the days it asks about (in the user's zone). Done tasks are asked about without a due range:
 * "what did I finish yesterday" is about when they were done, not when they were due.
 */
export function queryFilters(text: string, zone: string, now: Date): Record<string, unknown> {
  const lower = text.toLowerCase();
  const filters: Record<string, unknown> = {};
  if (/\b(?:overdue|late)\b/.test(lower)) filters.overdue = true;
  const done = /\b(?:completed|done|finished|finish|did i (?:do|complete))\b/.test(lower);
  filters.status = done ? ['completed'] : ['pending', 'in_progress'];
  const priorities = ['urgent', 'high', 'medium', 'low'].filter((p) =>
    new RegExp(`\\b${p}\\b`).test(lower),
  );
  if (priorities.length > 0) filters.priority = priorities;
  const tags = [...text.matchAll(/#([\p{L}\p{N}_-]+)/gu)].map((m) => m[1]!);
  const tagged = text.match(/\b(?:tagged|with tag|labelled)\s+([\p{L}\p{N}_-]+)/iu)?.[1];
  if (tagged) tags.push(tagged);
  // "my shopping list", "the grocery list": a list is a tag ("to do list" is every task).
  const list = lower.match(/\b(?:my|the|our|this)\s+([a-z][a-z' ]{1,30}?)\s+list\b/)?.[1];
  if (list && !/^(?:to ?do|task|whole|entire|full|current|specific)$/.test(list))
    tags.push(listTag(list));
  if (tags.length > 0) filters.tags = tags;
  if (/\b(?:recurring|repeating)\b/.test(lower)) filters.has_recurrence = true;
  const range = done ? undefined : dueRange(text, zone, now);
  if (range) Object.assign(filters, range);
  filters.sort = /\bpriority\b/.test(lower) && priorities.length === 0 ? 'priority' : 'due';
  if (filters.sort === 'priority') filters.order = 'desc';
  return filters;
}
