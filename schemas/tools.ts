import { z } from 'zod';
import { textSchema } from './text.ts';
import { instantSchema } from './instant.ts';
import { recurrenceInputSchema } from './recurrence.ts';
import { offsetSchema, remindersInputSchema } from './reminder.ts';
import { snoozeDurationSchema } from './snooze.ts';
import { timeZoneNameSchema } from './time-zone.ts';
import { taskSortSchema } from './task-query.ts';
import {
  createTaskInputSchema,
  editableFields,
  seriesScopeSchema,
  taskIdSchema,
  taskPrioritySchema,
  taskStatusSchema,
} from './task.ts';

const taskId = taskIdSchema.describe('The id of the task (from add_task or list_tasks)');

/**
 * Input schemas of the task tools: one definition for the chat agent, the MCP server and the
 * JSON Schema a language model is shown. Descriptions are written for the model.
 */
export const toolInputSchemas = {
  add_task: createTaskInputSchema.describe('A new task'),
  list_tasks: z.strictObject({
    status: z.array(taskStatusSchema).optional(),
    priority: z.array(taskPrioritySchema).optional(),
    tags: z.array(textSchema().max(50)).max(10).optional(),
    tags_mode: z.enum(['any', 'all']).optional(),
    q: textSchema()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('Words to find in title or description'),
    due_from: instantSchema.optional(),
    due_to: instantSchema.optional(),
    overdue: z.boolean().optional(),
    has_recurrence: z.boolean().optional(),
    sort: taskSortSchema.optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  get_task: z.strictObject({ task_id: taskId }),
  update_task: z
    .strictObject({
      task_id: taskId,
      title: editableFields.title.optional(),
      description: editableFields.description.optional(),
      status: editableFields.status.optional(),
      priority: editableFields.priority.optional(),
      tags: editableFields.tags.optional(),
      due_at: editableFields.due_at.optional(),
      time_zone: editableFields.time_zone.optional(),
      scope: seriesScopeSchema
        .optional()
        .describe(
          'For a recurring task: "series" (default) changes this and every later occurrence, "occurrence" only this one',
        ),
    })
    .refine(
      (input) => Object.keys(input).filter((key) => key !== 'scope').length > 1,
      'name at least one field to change',
    ),
  complete_task: z.strictObject({ task_id: taskId }),
  reopen_task: z.strictObject({ task_id: taskId }),
  delete_task: z.strictObject({
    task_id: taskId,
    scope: seriesScopeSchema
      .optional()
      .describe(
        'For a recurring task: "occurrence" (default) deletes only this one and the series goes on, "series" ends the series (this and every later occurrence)',
      ),
  }),
  skip_task: z.strictObject({ task_id: taskId }),
  set_reminder: z
    .strictObject({
      task_id: taskId,
      reminders: remindersInputSchema
        .optional()
        .describe('Replaces the task’s reminders: relative {offset:"-PT30M"} or absolute {at}'),
      reminder_offset: offsetSchema
        .optional()
        .describe('One reminder this long before due, e.g. "PT1H"'),
    })
    .refine(
      (input) => input.reminders !== undefined || input.reminder_offset !== undefined,
      'give reminders or reminder_offset',
    ),
  set_recurrence: z.strictObject({
    task_id: taskId,
    recurrence: recurrenceInputSchema.nullable().describe('The rule, or null to stop repeating'),
  }),
  snooze_reminder: z
    .strictObject({
      task_id: taskId,
      reminder_id: z
        .string()
        .min(1)
        .max(200)
        .describe(
          'The id of one of the task’s reminders (get_task lists them), e.g. "offset:-PT30M"',
        ),
      for: snoozeDurationSchema.optional().describe('Remind again after this long, e.g. "PT10M"'),
      until: instantSchema.optional().describe('Remind again at this date-time, with offset'),
    })
    .refine(
      (input) => (input.for === undefined) !== (input.until === undefined),
      'give exactly one of for or until',
    ),
  set_time_zone: z.strictObject({
    time_zone: timeZoneNameSchema.describe(
      'The user’s new IANA time zone, e.g. "Asia/Tokyo", "America/Chicago", "Europe/Berlin"',
    ),
  }),
} as const;

export type ToolName = keyof typeof toolInputSchemas;
export type ToolInput<N extends ToolName> = z.infer<(typeof toolInputSchemas)[N]>;
export const toolNames = Object.keys(toolInputSchemas) as ToolName[];
