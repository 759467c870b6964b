import { z } from 'zod';
import { textSchema } from './text.ts';
import { instantSchema } from './instant.ts';
import { timeZoneSchema } from './time-zone.ts';
import { recurrenceInputSchema, recurrenceSchema } from './recurrence.ts';
import { offsetSchema, reminderSchema, remindersInputSchema } from './reminder.ts';

export { instantSchema };

export const taskIdSchema = z.uuid();
export const userIdSchema = z.string().min(1).max(128);

/**
 * `skipped` closes an occurrence of a series without doing it: asked for (POST /tasks/{id}/skip)
 * or because its due time passed in a series whose recurrence says `missed: skip`. Like
 * `completed` it is terminal: no reminders, not overdue; reopening makes it pending again.
 */
export const taskStatusSchema = z.enum(['pending', 'in_progress', 'completed', 'skipped']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** The statuses of a closed task: nothing more is due on it. */
export const closedStatuses: readonly TaskStatus[] = ['completed', 'skipped'];
export const isClosed = (status: TaskStatus): boolean => closedStatuses.includes(status);

/** What a client may set: skipping has its own command, since it advances the series. */
export const writableStatusSchema = z.enum(['pending', 'in_progress', 'completed']);

/**
 * Which tasks of a series an edit or a delete concerns: `occurrence`, this one (the series goes
 * on), or `series`, this one and every later one.
 */
export const seriesScopeSchema = z.enum(['occurrence', 'series']);
export type SeriesScope = z.infer<typeof seriesScopeSchema>;

export const taskPrioritySchema = z.enum(['low', 'medium', 'high', 'urgent']);
export type TaskPriority = z.infer<typeof taskPrioritySchema>;

export const titleSchema = textSchema()
  .trim()
  .min(1, 'title must not be empty')
  .max(200)
  .regex(/\S/, 'title must not be empty');
export const descriptionSchema = textSchema().max(2000);

/**
 * Tags: trimmed, at most 10, unique regardless of case (the first spelling wins). Ten as sent, so
 * that the contract states the limit exactly: duplicates count until they are dropped.
 */
export const tagsSchema = z
  .array(textSchema().trim().min(1).max(50).regex(/\S/, 'a tag must not be blank'))
  .max(10, 'at most 10 tags')
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.filter((tag) => {
      const key = tag.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

/** A task as the actor holds it and as every API returns it. */
export const taskSchema = z.object({
  id: taskIdSchema,
  user_id: userIdSchema,
  title: z.string(),
  description: z.string(),
  status: taskStatusSchema,
  priority: taskPrioritySchema,
  tags: z.array(z.string()),
  due_at: z.string().nullable(),
  /** The zone recurrence and relative reminders are computed in. */
  time_zone: z.string(),
  reminders: z.array(reminderSchema),
  recurrence: recurrenceSchema.nullable(),
  /** Id of the series' first task; null for a task that never recurred. */
  series_id: z.string().nullable(),
  parent_task_id: z.string().nullable(),
  /** 1-based position in the series. */
  occurrence_index: z.number().int().positive().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().nullable(),
  version: z.number().int().positive(),
});
export type Task = z.infer<typeof taskSchema>;

/**
 * Fields a client may set on create. `reminder_offset` is the seed plan's single reminder
 * ("PT1H" = an hour before due); it becomes one relative reminder.
 */
export const editableFields = {
  title: titleSchema,
  description: descriptionSchema,
  status: writableStatusSchema,
  priority: taskPrioritySchema,
  tags: tagsSchema,
  due_at: instantSchema.nullable(),
  time_zone: timeZoneSchema,
  reminders: remindersInputSchema,
  reminder_offset: offsetSchema.nullable(),
  recurrence: recurrenceInputSchema.nullable(),
};

export const createTaskInputSchema = z.strictObject({
  title: editableFields.title,
  description: editableFields.description.default(''),
  status: z.enum(['pending', 'in_progress']).default('pending'),
  priority: editableFields.priority.default('medium'),
  tags: editableFields.tags.default([]),
  due_at: editableFields.due_at.default(null),
  time_zone: editableFields.time_zone.optional(),
  reminders: editableFields.reminders.optional(),
  reminder_offset: editableFields.reminder_offset.optional(),
  recurrence: editableFields.recurrence.default(null),
});
export type CreateTaskInput = z.infer<typeof createTaskInputSchema>;

/** A partial update: only the fields present change. */
const updateTaskFieldsSchema = z
  .strictObject({
    title: editableFields.title,
    description: editableFields.description,
    status: editableFields.status,
    priority: editableFields.priority,
    tags: editableFields.tags,
    due_at: editableFields.due_at,
    time_zone: editableFields.time_zone,
    reminders: editableFields.reminders,
    reminder_offset: editableFields.reminder_offset,
    recurrence: editableFields.recurrence,
  })
  .partial();
const nonEmptyUpdate = (patch: object) => Object.keys(patch).length > 0;
const nonEmptyUpdateMessage = 'an update must change at least one field';
export const updateTaskInputSchema = updateTaskFieldsSchema
  .refine(nonEmptyUpdate, nonEmptyUpdateMessage)
  .meta({ minProperties: 1 });
export type UpdateTaskInput = z.infer<typeof updateTaskInputSchema>;

/**
 * The seed plan's body names, accepted over REST as aliases so its clients work unchanged:
 * `due_date` is `due_at`; `reminder_offset` (already a field) is its single reminder.
 */
const planAliases = {
  due_date: editableFields.due_at.optional().meta({
    deprecated: true,
    description:
      "The seed plan's name for due_at (an instant with offset). Give one of the two; both " +
      'with different values is an error.',
  }),
  reminder_offset: editableFields.reminder_offset.optional().meta({
    deprecated: true,
    description:
      "The seed plan's single reminder: an ISO 8601 duration before due_at (PT1H = an hour " +
      "before), the same as a reminder { offset: '-PT1H' }, added to `reminders`.",
  }),
};

/** `due_date` folded into `due_at`; a conflicting pair is a field error on `due_date`. */
function foldDueDate<T extends { due_at?: string | null | undefined }>(
  { due_date, ...input }: T & { due_date?: string | null | undefined },
  context: z.RefinementCtx,
): T {
  if (due_date === undefined) return input as T;
  if (input.due_at !== undefined && input.due_at !== due_date) {
    context.addIssue({
      code: 'custom',
      path: ['due_date'],
      message: 'due_date is another name for due_at: give one of them, or both with the same value',
    });
    return z.NEVER;
  }
  return { ...input, due_at: due_date } as T;
}

/**
 * A recurring task needs a due date (its series starts there): in JSON Schema, a `recurrence`
 * object requires `due_at` or `due_date` as a string. The actor refuses the same (decide.ts).
 */
const recurrenceNeedsDue = {
  if: { required: ['recurrence'], properties: { recurrence: { type: 'object' } } },
  then: {
    anyOf: [
      { required: ['due_at'], properties: { due_at: { type: 'string' } } },
      { required: ['due_date'], properties: { due_date: { type: 'string' } } },
    ],
  },
};

/** The body of POST /tasks: a create input, in the plan's names too. */
export const createTaskRequestSchema = createTaskInputSchema
  .extend({ due_at: editableFields.due_at.optional(), ...planAliases })
  .meta(recurrenceNeedsDue)
  .transform((input, context) => {
    const folded = foldDueDate(input, context);
    return { ...folded, due_at: folded.due_at ?? null };
  });

/** The body of PATCH /tasks/{id}: an update, in the plan's names too. */
export const updateTaskRequestSchema = updateTaskFieldsSchema
  .extend(planAliases)
  .partial()
  .refine(nonEmptyUpdate, nonEmptyUpdateMessage)
  .meta({ minProperties: 1 })
  .transform(foldDueDate);
