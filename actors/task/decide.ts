import type { DomainError } from '../../schemas/task-actor.ts';
import type { Recurrence, RecurrenceInput } from '../../schemas/recurrence.ts';
import type { CreateTaskInput, Task, UpdateTaskInput } from '../../schemas/task.ts';
import {
  canonicalRecurrence,
  nextOccurrence,
  RecurrenceError,
  RecurrenceNeverOccursError,
} from './recurrence.ts';
import { buildReminders, carryOver, fromReminderOffset, recomputeReminders } from './reminders.ts';
import { occurrenceId } from './occurrence-id.ts';
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
  | { type: 'update'; userId: string; patch: UpdateTaskInput; expectedVersion?: number }
  | { type: 'complete'; userId: string; expectedVersion?: number }
  | { type: 'reopen'; userId: string; expectedVersion?: number }
  | { type: 'delete'; userId: string; expectedVersion?: number }
  | { type: 'fire_reminder'; reminderId: string; fireAt: string }
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
      return decideUpdate(task, command.patch, context);
    case 'complete':
      return task.status === 'completed' ? accept() : accept(completion(task, context));
    case 'reopen':
      return task.status === 'completed' ? accept(reopening(task, 'pending', context)) : accept();
    case 'delete':
      return accept({
        type: 'task.deleted',
        data: { task: { ...task, updated_at: context.now, version: task.version + 1 } },
      });
  }
}

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

function decideUpdate(task: Task, patch: UpdateTaskInput, context: DecisionContext): Decision {
  const { status, reminders, reminder_offset, recurrence, ...fields } = patch;
  const changed = new Set<string>();
  let next: Task = { ...task };
  // Between pending and in_progress, status is a plain field.
  if (status && status !== 'completed' && task.status !== 'completed' && status !== task.status) {
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
  if (status === 'completed' && task.status !== 'completed') events.push(completion(next, context));
  if (status && status !== 'completed' && task.status === 'completed')
    events.push(reopening(next, status, context));
  return accept(...events);
}

function completion(task: Task, context: DecisionContext): TaskEvent {
  const completed: Task = {
    ...task,
    status: 'completed',
    completed_at: context.now,
    updated_at: context.now,
    version: task.version + 1,
  };
  let next: { task_id: string; due_at: string; occurrence_index: number } | null = null;
  if (task.recurrence && task.due_at) {
    const index = task.occurrence_index ?? 1;
    const dueAt = nextOccurrence({
      recurrence: task.recurrence,
      timeZone: task.time_zone,
      dueAt: task.due_at,
      completedAt: context.now,
      occurrenceIndex: index,
    });
    if (dueAt)
      next = {
        task_id: occurrenceId(task.series_id ?? task.id, dueAt),
        due_at: dueAt,
        occurrence_index: index + 1,
      };
  }
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
  if (!isLive(state) || state.task.status === 'completed') return accept();
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
