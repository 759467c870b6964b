import type { RecurrenceInput } from '../../../schemas/recurrence.ts';
import type { ReminderInput } from '../../../schemas/reminder.ts';
import type { Task, TaskPriority, TaskStatus } from '../../../schemas/task.ts';
import {
  recurrenceForm,
  recurrenceInput,
  noRecurrence,
  type RecurrenceForm,
} from './recurrence-form.ts';
import { offsetParts, offsetText, type OffsetParts } from './reminder-offset.ts';
import { dateFromInstant, instantFromLocal, localFromInstant } from '../core/zoned-time.ts';

/**
 * The task editor's state, and the two pure functions around it: task → form, and
 * form + the task as loaded → the PATCH of what the person changed.
 *
 * A control shows a stored value in a coarser form than it is stored (an instant to the minute
 * in a datetime-local input, "-P1DT2H" as 26 hours): such a value is kept beside what it was
 * shown as (`shown`/`source`), and while the control still shows that, the stored value is what
 * the form says. So a save sends exactly the fields the person changed, and nothing else.
 */

/** A wall-clock time of the task's zone as a datetime-local input holds it. */
export interface WallTime {
  local: string;
  shown: string;
  source: string | null;
}

export type ReminderRow =
  | ({ kind: 'offset'; shown?: OffsetParts; source?: string } & OffsetParts)
  | ({ kind: 'at' } & WallTime);

export interface TaskForm {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** Comma-separated, as typed. */
  tags: string;
  time_zone: string;
  due: WallTime;
  reminders: ReminderRow[];
  recurrence: RecurrenceForm;
}

/** The values of the task fields a form holds, as the API takes them. */
export interface FormValues {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  tags: string[];
  due_at: string | null;
  time_zone: string;
  reminders: ReminderInput[];
  recurrence: RecurrenceInput | null;
}

export type TaskPatch = Partial<FormValues>;

const wallTime = (instant: string | null, zone: string): WallTime => {
  const local = instant ? localFromInstant(instant, zone) : '';
  return { local, shown: local, source: instant };
};

/** The value of a wall time: the stored instant while unchanged, else the input read in `zone`. */
const instantOf = (time: WallTime, zone: string): string | null =>
  time.local === time.shown && time.source !== null
    ? time.source
    : time.local
      ? instantFromLocal(time.local, zone)
      : null;

export function formFromTask(task: Task): TaskForm {
  const zone = task.time_zone;
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    tags: task.tags.join(', '),
    time_zone: zone,
    due: wallTime(task.due_at, zone),
    reminders: task.reminders.map((reminder): ReminderRow => {
      if (reminder.offset !== null) {
        const parts = offsetParts(reminder.offset);
        return { kind: 'offset', ...parts, shown: parts, source: reminder.offset };
      }
      return { kind: 'at', ...wallTime(reminder.at, zone) };
    }),
    recurrence: recurrenceForm(task.recurrence, (instant) => dateFromInstant(instant, zone)),
  };
}

/** The form of a new task, in the user's zone. */
export const emptyForm = (timeZone: string): TaskForm => ({
  title: '',
  description: '',
  status: 'pending',
  priority: 'medium',
  tags: '',
  time_zone: timeZone,
  due: wallTime(null, timeZone),
  reminders: [],
  recurrence: noRecurrence(),
});

/**
 * Moves the form to another zone. The times nobody edited keep their instants and are shown as
 * the new zone's wall clock; a time the person typed stays as typed and is read in the new zone.
 * Mutates the form in place: the editor's controls hold references into it.
 */
export function moveToZone(form: TaskForm, zone: string): void {
  const reshow = (time: WallTime) => {
    if (time.source === null || time.local !== time.shown) return;
    time.local = time.shown = localFromInstant(time.source, zone);
  };
  reshow(form.due);
  for (const row of form.reminders) if (row.kind === 'at') reshow(row);
  const rule = form.recurrence;
  if (rule.end_date_source !== null && rule.end_date === rule.end_date_shown)
    rule.end_date = rule.end_date_shown = dateFromInstant(rule.end_date_source, zone);
  form.time_zone = zone;
}

/** Tags are separated by commas: a tag may hold a space ("deep work"). */
export const tagsOf = (text: string): string[] =>
  text
    .split(',')
    .map((tag) => tag.replace(/^\s*#/, '').trim())
    .filter(Boolean);

const sameParts = (a: OffsetParts, b: OffsetParts) =>
  a.amount === b.amount && a.unit === b.unit && a.direction === b.direction;

function reminderInput(row: ReminderRow, zone: string): ReminderInput | undefined {
  if (row.kind === 'offset')
    return {
      offset: row.shown && row.source && sameParts(row, row.shown) ? row.source : offsetText(row),
    };
  const at = instantOf(row, zone);
  return at ? { at } : undefined;
}

export function formValues(form: TaskForm): FormValues {
  const zone = form.time_zone;
  return {
    title: form.title,
    description: form.description,
    status: form.status,
    priority: form.priority,
    tags: tagsOf(form.tags),
    due_at: instantOf(form.due, zone),
    time_zone: zone,
    reminders: form.reminders.flatMap((row) => reminderInput(row, zone) ?? []),
    recurrence: recurrenceInput(form.recurrence, (date) =>
      instantFromLocal(`${date}T23:59:59`, zone),
    ),
  };
}

/**
 * The fields the person changed: each value of the form compared with the value of the form
 * as it was loaded. Empty when nothing changed.
 */
export function taskPatch(original: Task, form: TaskForm): TaskPatch {
  const before = formValues(formFromTask(original));
  const after = formValues(form);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof FormValues)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return patch as TaskPatch;
}

/** The body of a create: what differs from a new task's defaults. */
export function createBody(form: TaskForm, userTimeZone: string): TaskPatch & { title: string } {
  const values = formValues(form);
  const defaults = formValues(emptyForm(userTimeZone));
  const body: Record<string, unknown> = { title: values.title };
  for (const key of Object.keys(values) as (keyof FormValues)[]) {
    if (JSON.stringify(values[key]) !== JSON.stringify(defaults[key])) body[key] = values[key];
  }
  return body as TaskPatch & { title: string };
}
