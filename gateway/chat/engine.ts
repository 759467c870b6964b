import type { TaskListQuery } from '../../schemas/task-query.ts';
import type { Task } from '../../schemas/task.ts';
import type { ConversationState, ExecutedToolCall } from '../../schemas/chat.ts';
import type { ToolName } from '../../schemas/tools.ts';

// Stored as they are in the conversations and chat_messages tables (db/schema.ts).
export type { ConversationState, ExecutedToolCall };

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
  tool_calls?: ExecutedToolCall[];
}

export interface ChatContext {
  message: string;
  history: ChatMessage[];
  state: ConversationState;
  timeZone: string;
  now: Date;
  /** The user's tasks, for resolving references ("the milk task"); not shown as a tool call. */
  findTasks: (scope: TaskScope) => Promise<Task[]>;
  /** One task by id, read from its actor (so a task added a moment ago is there). */
  getTask: (taskId: string) => Promise<Task | undefined>;
  /** Runs a tool for the conversation's user; never throws (failures come back as ok: false). */
  runTool: (name: ToolName, args: Record<string, unknown>) => Promise<ExecutedToolCall>;
}

export interface EngineTurn {
  reply: string;
  state: ConversationState;
}

/** A way to answer a chat message: the offline rules, or a language model with tools. */
export interface ChatEngine {
  readonly name: string;
  respond(context: ChatContext): Promise<EngineTurn>;
}

export type TaskScope = 'open' | 'completed' | 'all';

/** The list query behind `findTasks`: the user's most recently changed tasks of a scope. */
export function scopeQuery(scope: TaskScope): TaskListQuery {
  const status =
    scope === 'open'
      ? ['pending' as const, 'in_progress' as const]
      : scope === 'completed'
        ? ['completed' as const]
        : undefined;
  return {
    ...(status ? { status } : {}),
    sort: 'updated',
    order: 'desc',
    limit: 100,
    tags_mode: 'any',
    due_from: undefined,
    due_to: undefined,
    q: undefined,
  };
}
