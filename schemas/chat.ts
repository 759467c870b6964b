import { z } from 'zod';
import { textSchema } from './text.ts';
import { taskSchema, type Task } from './task.ts';
import type { ToolName } from './tools.ts';

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

/** One tool call the agent made in a turn, with what came of it. */
export interface ExecutedToolCall {
  name: ToolName;
  arguments: Record<string, unknown>;
  ok: boolean;
  summary: string;
  tasks: Task[];
}

/** What a conversation remembers between turns, besides its messages. */
export interface ConversationState {
  /** Tasks the last turns were about: "it", "that", "make it high priority". */
  focus: string[];
  /** A destructive action on several tasks waiting for "yes". */
  pending?: { name: ToolName; calls: Record<string, unknown>[]; question: string };
  /** The calls that take the conversation's last change back: "undo". */
  undo?: { name: ToolName; arguments: Record<string, unknown> }[];
}
