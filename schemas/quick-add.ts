import { z } from 'zod';
import { editableFields } from './task.ts';
import { textSchema } from './text.ts';

/** The longest sentence quick add reads: a task line, not a document. */
export const QUICK_ADD_MAX_LENGTH = 500;

/** The body of POST /tasks/parse: one line as a person would type it. */
export const quickAddRequestSchema = z.strictObject({
  text: textSchema().trim().min(1, 'say what the task is').max(QUICK_ADD_MAX_LENGTH),
});
export type QuickAddRequest = z.infer<typeof quickAddRequestSchema>;

/**
 * The fields a sentence sets, all of them present: a valid body for POST /tasks as it is (the
 * task's zone is left to default to the user's, in which the sentence was read).
 */
export const quickAddTaskSchema = z.strictObject({
  title: editableFields.title,
  priority: editableFields.priority,
  tags: editableFields.tags,
  due_at: editableFields.due_at,
  reminders: editableFields.reminders,
  recurrence: editableFields.recurrence,
});
export type QuickAddTask = z.infer<typeof quickAddTaskSchema>;

/** What POST /tasks/parse answers: the task that would be created, and how to say it. */
export const quickAddPreviewSchema = z.object({
  task: quickAddTaskSchema,
  /** One line for a person, dates in `time_zone`: "Pay rent — monthly on the 1st, 09:00; #home". */
  preview: z.string(),
  /** The user's zone, in which the sentence was read and the preview is written. */
  time_zone: z.string(),
});
export type QuickAddPreview = z.infer<typeof quickAddPreviewSchema>;
