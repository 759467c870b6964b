import { z } from 'zod';
import { instantSchema } from './instant.ts';

export { instantSchema };

export const taskIdSchema = z.uuid();
export const userIdSchema = z.string().min(1).max(128);

export const taskStatusSchema = z.enum(['pending', 'in_progress', 'completed']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const taskPrioritySchema = z.enum(['low', 'medium', 'high', 'urgent']);
export type TaskPriority = z.infer<typeof taskPrioritySchema>;

export const titleSchema = z.string().trim().min(1, 'title must not be empty').max(200);
export const descriptionSchema = z.string().max(2000);

/** Tags: trimmed, at most 10, unique regardless of case (the first spelling wins). */
export const tagsSchema = z
  .array(z.string().trim().min(1).max(50))
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.filter((tag) => {
      const key = tag.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  })
  .pipe(z.array(z.string()).max(10, 'at most 10 tags'));

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
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().nullable(),
  version: z.number().int().positive(),
});
export type Task = z.infer<typeof taskSchema>;

export const createTaskInputSchema = z.strictObject({
  title: titleSchema,
  description: descriptionSchema.default(''),
  priority: taskPrioritySchema.default('medium'),
  tags: tagsSchema.default([]),
  due_at: instantSchema.nullable().default(null),
});
export type CreateTaskInput = z.infer<typeof createTaskInputSchema>;
