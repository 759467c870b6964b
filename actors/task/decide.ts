import type { DomainError } from '../../schemas/task-actor.ts';
import type { Recurrence, RecurrenceInput } from '../../schemas/recurrence.ts';
import type { NextOccurrence } from '../../schemas/events.ts';
import {
  isClosed,
  type CreateTaskInput,
  type SeriesScope,
  type Task,
  type UpdateTaskInput,
} from '../../schemas/task.ts';
import { canonicalRecurrence, RecurrenceError, RecurrenceNeverOccursError } from './recurrence.ts';
import { buildReminders, carryOver, fromReminderOffset, recomputeReminders } from './reminders.ts';
import { advanceTarget, computeNext, hasAdvanced, seriesRegistrations } from './series.ts';
import {
  decideSnooze,
  fired as firedReminder,
  pendingFireAt,
  type SnoozeCommand,
} from './snooze.ts';
import type { TaskEvent } from './task-events.ts';
import { isLive, type TaskState } from './task-state.ts';

/** Commands the TaskActor decides on. Time, ids and the caller come in: decisions are pure. */
export type TaskCommand =
  | { type: 'create'; taskId: string; userId: string; input: CreateTaskInput; timeZone: string }
  | {
      type: 'create_occurrence';
      taskId: string;
      parent: Task;
      dueAt: string;
      occurrenceIndex: number;
    }
  | {
      type: 'update';
      userId: string;
      patch: UpdateTaskInput;
      expectedVersion?: number;
      /** For a task of a series; series when not given. */
      scope?: SeriesScope;
    }
  | { type: 'complete'; userId: string; expectedVersion?: number }
  | { type: 'reopen'; userId: string; expectedVersion?: number }
  | {
      type: 'delete';
      userId: string;
      expectedVersion?: number;
      /** For a task of a series; occurrence when not given. */
      scope?: SeriesScope;
    }
  | { type: 'skip'; userId: string; expectedVersion?: number }
  | { type: 'fire_reminder'; reminderId: string; fireAt: string }
  /** From the scheduler: the series reminder of an occurrence due at `fireAt` fired. */
  | { type: 'advance_series'; fireAt: string }
  | SnoozeCommand;

export interface DecisionContext {
  now: string;
}

export type Decision = { ok: true; events: TaskEvent[] } | { ok: false; error: DomainError };

const accept = (...events: TaskEvent[]): Decision => ({ ok: true, events });
const refuse = (error: DomainError): Decision => ({ ok: false, error });
const notFound = (): Decision => refuse({ code: 'task_not_found', message: 'task not found' });
const invalid = (path: string, message: string): Decision =>
  refuse({ code: 'validation_failed', message, fields: [{ path, message }] });

/**
 * The rule as given, made canonical; or the refusal naming the field: `recurrence.rrule` for an
 * RRULE string, `recurrence` for the structured rule.
 */
function recurrenceOf(
  input: RecurrenceInput,
  dueAt: string,
  timeZone: string,
): { ok: true; recurrence: Recurrence } | { ok: false; decision: Decision } {
  try {
    return { ok: true, recurrence: canonicalRecurrence(input, dueAt, timeZone) };
  } catch (error) {
    if (!(error instanceof RecurrenceError)) throw error;
    if (!(error instanceof RecurrenceNeverOccursError))
      return { ok: false, decision: invalid('recurrence', error.message) };
    const path = 'rrule' in input ? 'recurrence.rrule' : 'recurrence';
    const message = error.message;
    return {
      ok: false,
      decision: refuse({ code: 'recurrence_never_occurs', message, fields: [{ path, message }] }),
    };
  }
}

/** Pure: current state + command → events, or the reason the command is refused. */
export function decide(
  state: TaskState | undefined,
  command: TaskCommand,
  context: DecisionContext,
): Decision {
  switch (command.type) {
    case 'create':
      // Ids are minted by the gateway per request, so an existing live task of the same user is
      // this very create delivered again (a retry across a sidecar restart): answer it unchanged.
      if (isLive(state) && state.task.user_id === command.userId) return accept();
      if (state)
        return refuse({ code: 'task_exists', message: `task ${command.taskId} already exists` });
      return decideCreate(command, context);
    case 'create_occurrence':
      // Idempotent: the id is derived from (series, start), so an existing task is this one.
      if (state) return accept();
      return decideOccurrence(command, context);
    case 'fire_reminder':
      return decideFireReminder(state, command, context);
    case 'advance_series':
      return decideAdvance(state, command, context);
    case 'snooze_reminder':
      // Before the liveness check: a deleted task answers its own refusal, not "not found".
      return decideSnooze(state, command, context);
  }
  if (!isLive(state) || state.task.user_id !== command.userId) return notFound();
  if (command.expectedVersion !== undefined && command.expectedVersion !== state.task.version) {
    return refuse({
      code: 'version_conflict',
      message: `task is at version ${state.task.version}, not ${command.expectedVersion}`,
    });
  }
  const task = state.task;
  switch (command.type) {
    case 'update':
      if (!task.recurrence) return decideUpdate(task, command.patch, context, state.advanced_to);
      return (command.scope ?? 'series') === 'series'
        ? withScope(decideUpdate(task, command.patch, context, state.advanced_to), 'series')
        : decideOccurrenceUpdate(state, command.patch, context);
    case 'complete':
      return task.status === 'completed'
        ? accept()
        : accept(completion(task, context, completionNext(task, context, state.advanced_to)));
    case 'reopen':
      return isClosed(task.status) ? accept(reopening(task, 'pending', context)) : accept();
    case 'delete':
      return decideDelete(state, command.scope ?? 'occurrence', context);
    case 'skip':
      if (!task.recurrence)
        return refuse({
          code: 'task_not_recurring',
          message: 'only an occurrence of a recurring task can be skipped',
        });
      if (task.status === 'skipped') return accept();
      if (task.status === 'completed')
        return refuse({ code: 'task_not_open', message: 'a completed task cannot be skipped' });
      return accept(skipping(task, advanceTarget(state, context.now), 'requested', context));
  }
}

const EARLY_FIRE_SLACK_MS = 1_000;

const bumped = (task: Task, context: DecisionContext): Task => ({
  ...task,
  updated_at: context.now,
  version: task.version + 1,
});

function skipping(
  task: Task,
  next: NextOccurrence | null,
  reason: 'requested' | 'missed',
  context: DecisionContext,
): TaskEvent {
  return {
    type: 'task.skipped',
    data: { task: { ...bumped(task, context), status: 'skipped' }, next, reason },
  };
}

/**
 * The series reminder fired. An occurrence still open at its due time hands the series on to the
 * next occurrence (the one a completion would create) and stays open and overdue, or, when the
 * series says `missed: skip`, is closed as skipped. A stale reminder (the task moved, closed,
 * or already handed on) does nothing.
 */
function decideAdvance(
  state: TaskState | undefined,
  command: Extract<TaskCommand, { type: 'advance_series' }>,
  context: DecisionContext,
): Decision {
  const [wanted] = seriesRegistrations(state);
  if (!state || !wanted || wanted.fireAt !== command.fireAt) return accept();
  // Not before the due instant, whatever the scheduler does; a second of slack for the scheduler's
  // clock running a little ahead of this host's (refused, the reminder would wait another period).
  if (Date.parse(context.now) < Date.parse(wanted.fireAt) - EARLY_FIRE_SLACK_MS) return accept();
  const next = advanceTarget(state, context.now);
  if (state.task.recurrence?.missed === 'skip')
    return accept(skipping(state.task, next, 'missed', context));
  return accept({
    type: 'task.series_advanced',
    data: { task: bumped(state.task, context), next },
  });
}

/**
 * Deleting a task of a series: `occurrence` removes this one and the series goes on (its next
 * occurrence is created now, if it was not yet); `series` removes this one and every later one
 * (the effects delete the occurrence it had handed on to, which does the same).
 */
function decideDelete(state: TaskState, scope: SeriesScope, context: DecisionContext): Decision {
  const task = bumped(state.task, context);
  if (!state.task.recurrence) return accept({ type: 'task.deleted', data: { task } });
  if (scope === 'series') return accept({ type: 'task.deleted', data: { task, scope } });
  const next = hasAdvanced(state) ? null : advanceTarget(state, context.now);
  return accept({ type: 'task.deleted', data: { task, scope, next } });
}

/**
 * An edit of this occurrence alone: the series first moves on from it unchanged (its next
 * occurrence is created from the task as it was), then the edit applies here only. The rule
 * itself belongs to the series, so changing it here is refused.
 */
function decideOccurrenceUpdate(
  state: TaskState,
  patch: UpdateTaskInput,
  context: DecisionContext,
): Decision {
  if (patch.recurrence !== undefined)
    return invalid('recurrence', 'the rule belongs to the series: change it with scope=series');
  const alone = decideUpdate(state.task, patch, context, state.advanced_to);
  if (!alone.ok || alone.events.length === 0 || hasAdvanced(state))
    return withScope(alone, 'occurrence');
  const next = advanceTarget(state, context.now);
  const handedOn: TaskEvent = {
    type: 'task.series_advanced',
    data: { task: bumped(state.task, context), next },
  };
  const edited = decideUpdate(handedOn.data.task, patch, context, next);
  if (!edited.ok) return edited;
  return withScope(accept(handedOn, ...edited.events), 'occurrence');
}

/** Marks the task.updated event of a decision with the scope it was made in. */
function withScope(decision: Decision, scope: SeriesScope): Decision {
  if (!decision.ok) return decision;
  return accept(
    ...decision.events.map((event): TaskEvent =>
      event.type === 'task.updated' ? { ...event, data: { ...event.data, scope } } : event,
    ),
  );
}

/** The next occurrence a completion hands on to: the recorded one, else the rule's next after due. */
const completionNext = (
  task: Task,
  context: DecisionContext,
  advancedTo: NextOccurrence | null | undefined,
): NextOccurrence | null =>
  advancedTo !== undefined ? advancedTo : computeNext(task, context.now);

function decideCreate(
  command: Extract<TaskCommand, { type: 'create' }>,
  context: DecisionContext,
): Decision {
  const { input } = command;
  const reminderInputs = [
    ...(input.reminders ?? []),
    ...(input.reminder_offset ? [fromReminderOffset(input.reminder_offset)] : []),
  ];
  let recurrence: Task['recurrence'] = null;
  if (input.recurrence) {
    if (!input.due_at) return invalid('recurrence', 'a recurring task needs a due_at');
    const result = recurrenceOf(input.recurrence, input.due_at, command.timeZone);
    if (!result.ok) return result.decision;
    recurrence = result.recurrence;
  }
  const task: Task = {
    id: command.taskId,
    user_id: command.userId,
    title: input.title,
    description: input.description,
    status: input.status,
    priority: input.priority,
    tags: input.tags,
    due_at: input.due_at,
    time_zone: command.timeZone,
    reminders: buildReminders(reminderInputs, [], input.due_at, command.timeZone),
    recurrence,
    series_id: recurrence ? command.taskId : null,
    parent_task_id: null,
    occurrence_index: recurrence ? 1 : null,
    created_at: context.now,
    updated_at: context.now,
    completed_at: null,
    version: 1,
  };
  return accept({ type: 'task.created', data: { task } });
}

function decideOccurrence(
  command: Extract<TaskCommand, { type: 'create_occurrence' }>,
  context: DecisionContext,
): Decision {
  const { parent } = command;
  const task: Task = {
    ...parent,
    id: command.taskId,
    status: 'pending',
    due_at: command.dueAt,
    reminders: carryOver(
      parent.reminders,
      parent.due_at ?? command.dueAt,
      command.dueAt,
      parent.time_zone,
    ),
    series_id: parent.series_id ?? parent.id,
    parent_task_id: parent.id,
    occurrence_index: command.occurrenceIndex,
    created_at: context.now,
    updated_at: context.now,
    completed_at: null,
    version: 1,
  };
  return accept({ type: 'task.occurrence_created', data: { task } });
}

function decideUpdate(
  task: Task,
  patch: UpdateTaskInput,
  context: DecisionContext,
  advancedTo: NextOccurrence | null | undefined,
): Decision {
  const { status, reminders, reminder_offset, recurrence, ...fields } = patch;
  const changed = new Set<string>();
  let next: Task = { ...task };
  // Between pending and in_progress, status is a plain field.
  if (status && status !== 'completed' && !isClosed(task.status) && status !== task.status) {
    next.status = status;
    changed.add('status');
  }
  for (const [key, value] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
    if (JSON.stringify(task[key]) !== JSON.stringify(value)) {
      next = { ...next, [key]: value };
      changed.add(key);
    }
  }
  if (reminders !== undefined || reminder_offset !== undefined) {
    const inputs = [
      ...(reminders ?? []),
      ...(reminder_offset ? [fromReminderOffset(reminder_offset)] : []),
    ];
    next.reminders = buildReminders(inputs, task.reminders, next.due_at, next.time_zone);
  } else if (changed.has('due_at') || changed.has('time_zone')) {
    next.reminders = recomputeReminders(next);
  }
  if (JSON.stringify(next.reminders) !== JSON.stringify(task.reminders)) changed.add('reminders');

  if (recurrence !== undefined) {
    if (recurrence === null) {
      next.recurrence = null;
    } else {
      if (!next.due_at) return invalid('recurrence', 'a recurring task needs a due_at');
      const result = recurrenceOf(recurrence, next.due_at, next.time_zone);
      if (!result.ok) return result.decision;
      next.recurrence = result.recurrence;
      next.series_id ??= task.id;
      next.occurrence_index ??= 1;
    }
  } else if (next.recurrence && changed.has('due_at')) {
    if (!next.due_at)
      return invalid('due_at', 'a recurring task needs a due_at; remove the recurrence first');
  }
  if (JSON.stringify(next.recurrence) !== JSON.stringify(task.recurrence))
    changed.add('recurrence');

  const events: TaskEvent[] = [];
  if (changed.size > 0) {
    next = { ...next, updated_at: context.now, version: task.version + 1 };
    events.push({ type: 'task.updated', data: { task: next, changed: [...changed].sort() } });
  }
  // Completing and reopening are their own events, with their own effects.
  if (status === 'completed' && task.status !== 'completed')
    events.push(completion(next, context, completionNext(next, context, advancedTo)));
  if (status && status !== 'completed' && isClosed(task.status))
    events.push(reopening(next, status, context));
  return accept(...events);
}

function completion(task: Task, context: DecisionContext, next: NextOccurrence | null): TaskEvent {
  const completed: Task = {
    ...task,
    status: 'completed',
    completed_at: context.now,
    updated_at: context.now,
    version: task.version + 1,
  };
  return { type: 'task.completed', data: { task: completed, next } };
}

function reopening(
  task: Task,
  status: 'pending' | 'in_progress',
  context: DecisionContext,
): TaskEvent {
  return {
    type: 'task.reopened',
    data: {
      task: {
        ...task,
        status,
        completed_at: null,
        updated_at: context.now,
        version: task.version + 1,
      },
    },
  };
}

function decideFireReminder(
  state: TaskState | undefined,
  command: Extract<TaskCommand, { type: 'fire_reminder' }>,
  context: DecisionContext,
): Decision {
  if (!isLive(state) || isClosed(state.task.status)) return accept();
  const reminder = state.task.reminders.find((r) => r.id === command.reminderId);
  // A reminder that was moved, snoozed, removed or already sent since it was scheduled sends
  // nothing.
  if (!reminder || pendingFireAt(reminder) !== command.fireAt) return accept();
  const fired = firedReminder(reminder, context.now);
  const task = {
    ...state.task,
    reminders: state.task.reminders.map((r) => (r.id === fired.id ? fired : r)),
  };
  return accept({ type: 'reminder.due', data: { task, reminder: fired } });
}
