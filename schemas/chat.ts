import { z } from 'zod';
import { textSchema } from './text.ts';
import { taskSchema } from './task.ts';

export const chatRequestSchema = z.strictObject({
  message: textSchema().trim().min(1, 'say something').max(2000),
  conversation_id: z.uuid().optional(),
});

export const chatResponseSchema = z.object({
  conversation_id: z.uuid(),
  reply: z.string(),
  engine: z.string(),
  tool_calls: z.array(
    z.object({
      name: z.string(),
      arguments: z.record(z.string(), z.unknown()),
      ok: z.boolean(),
      summary: z.string(),
    }),
  ),
  /** The tasks this turn created, changed or listed. */
  tasks: z.array(taskSchema),
  /** True when the reply is a question that needs a yes/no before anything changes. */
  awaiting_confirmation: z.boolean(),
});
export type ChatResponse = z.infer<typeof chatResponseSchema>;
