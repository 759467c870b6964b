import { Temporal } from '@js-temporal/polyfill';
import type { NextOccurrence } from '../../schemas/events.ts';
import { SERIES_ADVANCE_REMINDER, type ReminderInput } from '../../schemas/reminder.ts';
import { isClosed, type Task, type UpdateTaskInput } from '../../schemas/task.ts';
import { occurrenceId } from './occurrence-id.ts';
import { nextOccurrence } from './recurrence.ts';
import type { ReminderRegistration } from './reminders.ts';
import { isLive, type TaskState } from './task-state.ts';

/**
 * How a series moves on. Every occurrence of a `repeat_from: due` series holds a scheduler
 * reminder at its due instant (`series-advance`); when it fires while the occurrence is open, the
 * actor creates the next occurrence, under the same deterministic id a completion computes
 * (occurrence-id.ts). Whichever comes first, completion or reminder, records the next occurrence
 * in the actor state (`advanced_to`), and everything after it names that same one.
 */

/** The scheduler name of an occurrence's series reminder. */
export const SERIES_ADVANCE = SERIES_ADVANCE_REMINDER;

/** Whether the series has moved on from this occurrence (a closed task did when it closed). */
export const hasAdvanced = (state: TaskState): boolean =>
  state.advanced_to !== undefined || isClosed(state.task.status);

/**
 * The occurrence after this one, or null when the series is over (or the task does not recur).
 * `notBefore`: with repeat_from = due, not an occurrence already in the past either.
 */
export function computeNext(task: Task, now: string, notBefore?: string): NextOccurrence | null {
  if (!task.recurrence || !task.due_at) return null;
  const index = task.occurrence_index ?? 1;
  const dueAt = nextOccurrence({
    recurrence: task.recurrence,
    timeZone: task.time_zone,
    dueAt: task.due_at,
    completedAt: now,
    occurrenceIndex: index,
    notBefore,
  });
  if (!dueAt) return null;
  return {
    task_id: occurrenceId(task.series_id ?? task.id, dueAt),
    due_at: dueAt,
    occurrence_index: index + 1,
  };
}

/**
 * The occurrence the series moves on to from here: the one it already moved on to, else the next
 * one still to come. Completions keep their own rule (computeNext without notBefore).
 */
export const advanceTarget = (state: TaskState, now: string): NextOccurrence | null =>
  state.advanced_to !== undefined ? state.advanced_to : computeNext(state.task, now, now);

/**
 * The series reminder this occurrence wants: at its due instant, while it is open and either the
 * series still waits on it, or the series says a missed occurrence is skipped (an occurrence
 * edited on its own has handed the series on already, and is still closed when missed).
 */
export function seriesRegistrations(state: TaskState | undefined): ReminderRegistration[] {
  if (!isLive(state)) return [];
  const { task } = state;
  if (!task.recurrence || task.recurrence.repeat_from !== 'due' || !task.due_at) return [];
  if (isClosed(task.status)) return [];
  if (state.advanced_to !== undefined && task.recurrence.missed !== 'skip') return [];
  return [
    { kind: 'series', name: SERIES_ADVANCE, reminderId: SERIES_ADVANCE, fireAt: task.due_at },
  ];
}

/** Fields an edit with scope=series carries into the next occurrence: all but its own date and status. */
const carriedFields = [
  'title',
  'description',
  'priority',
  'tags',
  'time_zone',
  'reminders',
  'recurrence',
] as const;

/**
 * The patch that carries an edit (its changed fields, at their new values) into the next
 * occurrence, or undefined when nothing of it carries. Reminders and rule go as inputs, so the
 * next occurrence computes them from its own due date.
 */
export function carriedPatch(task: Task, changed: readonly string[]): UpdateTaskInput | undefined {
  const patch: Record<string, unknown> = {};
  for (const field of carriedFields) {
    if (!changed.includes(field)) continue;
    if (field === 'reminders') {
      // An absolute reminder keeps its distance to the due date, as carryOver does.
      patch.reminders = task.reminders.map((reminder): ReminderInput => {
        if (reminder.offset) return { offset: reminder.offset };
        if (!task.due_at) return { at: reminder.at! };
        const distance = Temporal.Instant.from(reminder.at!).since(
          Temporal.Instant.from(task.due_at),
          { largestUnit: 'hours' },
        );
        return { offset: distance.toString() };
      });
    } else if (field === 'recurrence') {
      const rule = task.recurrence;
      patch.recurrence = rule
        ? { rrule: rule.rrule, repeat_from: rule.repeat_from, missed: rule.missed ?? 'keep' }
        : null;
    } else {
      patch[field] = task[field];
    }
  }
  return Object.keys(patch).length > 0 ? (patch as UpdateTaskInput) : undefined;
}

/**
 * The next `count` occurrences after this one, as the series would create them: from this
 * occurrence's due date, each after the one before (the series' count ends them). A series that
 * repeats from completion is projected as if each occurrence were completed when due. Each step
 * is one bounded walk of the rule (bounded-rrule.ts), so `count` bounds the whole.
 */
export function upcomingOccurrences(task: Task, count: number, now: string): string[] {
  if (!task.recurrence || !task.due_at) return [];
  const found: string[] = [];
  let dueAt = task.due_at;
  let index = task.occurrence_index ?? 1;
  while (found.length < count) {
    const next = nextOccurrence({
      recurrence: task.recurrence,
      timeZone: task.time_zone,
      dueAt,
      completedAt: dueAt,
      occurrenceIndex: index,
      // Only the first step can lie in the past: a series behind schedule resumes from now.
      notBefore: found.length === 0 ? now : undefined,
    });
    if (!next) break;
    found.push(next);
    dueAt = next;
    index += 1;
  }
  return found;
}
