import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { ChatResponse } from '../../schemas/chat.ts';
import type { Task } from '../../schemas/task.ts';
import type { ToolName } from '../../schemas/tools.ts';
import { problem } from '../errors.ts';
import { describeToolError } from '../mcp/mcp-server.ts';
import { runTool, type ToolServices } from '../tools/task-tools.ts';
import {
  scopeQuery,
  type ChatEngine,
  type ChatMessage,
  type ConversationState,
  type ExecutedToolCall,
} from './engine.ts';

/** How many earlier messages an engine sees. */
const HISTORY = 20;

/**
 * One chat turn: load (or start) the conversation, let the engine answer with the task tools,
 * store both messages and the conversation's state. The tools are the same the MCP server offers.
 */
export class ChatAgent {
  constructor(
    private readonly db: Db,
    private readonly services: ToolServices,
    private readonly engine: ChatEngine,
  ) {}

  async turn(
    userId: string,
    message: string,
    timeZone: string,
    conversationId?: string,
  ): Promise<ChatResponse> {
    const conversation = conversationId
      ? await this.load(userId, conversationId)
      : await this.start(userId);
    const calls: ExecutedToolCall[] = [];
    const turn = await this.engine.respond({
      message,
      history: conversation.history,
      state: conversation.state,
      timeZone,
      now: new Date(),
      findTasks: async (scope) => (await this.services.tasks.list(userId, scopeQuery(scope))).items,
      getTask: async (taskId) => this.services.tasks.get(userId, taskId).catch(() => undefined),
      runTool: async (name: ToolName, args: Record<string, unknown>) => {
        const call = await this.execute(userId, name, args);
        calls.push(call);
        return call;
      },
    });
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('chat_messages')
        .values([
          { conversation_id: conversation.id, role: 'user', content: message, tool_calls: null },
          {
            conversation_id: conversation.id,
            role: 'assistant',
            content: turn.reply,
            tool_calls: JSON.stringify(calls),
          },
        ])
        .execute();
      await trx
        .updateTable('conversations')
        .set({ state: JSON.stringify(turn.state), updated_at: new Date().toISOString() })
        .where('id', '=', conversation.id)
        .execute();
    });
    const affected = new Map<string, Task>();
    for (const call of calls) for (const task of call.tasks) affected.set(task.id, task);
    return {
      conversation_id: conversation.id,
      reply: turn.reply,
      engine: this.engine.name,
      tool_calls: calls.map(({ name, arguments: args, ok, summary }) => ({
        name,
        arguments: args,
        ok,
        summary,
      })),
      tasks: [...affected.values()],
      awaiting_confirmation: turn.state.pending !== undefined,
    };
  }

  private async execute(
    userId: string,
    name: ToolName,
    args: Record<string, unknown>,
  ): Promise<ExecutedToolCall> {
    try {
      const result = await runTool(this.services, userId, name, args);
      return { name, arguments: args, ok: true, summary: result.summary, tasks: result.tasks };
    } catch (error) {
      return { name, arguments: args, ok: false, summary: describeToolError(error), tasks: [] };
    }
  }

  private async start(userId: string) {
    const id = randomUUID();
    await this.db
      .insertInto('conversations')
      .values({ id, user_id: userId, state: JSON.stringify({ focus: [] }) })
      .execute();
    return { id, state: { focus: [] } as ConversationState, history: [] as ChatMessage[] };
  }

  /** Another user's conversation is reported as missing. */
  private async load(userId: string, id: string) {
    const conversation = await this.db
      .selectFrom('conversations')
      .select(['id', 'state'])
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!conversation) throw problem.conversation_not_found(`conversation ${id} not found`);
    const rows = await this.db
      .selectFrom('chat_messages')
      .select(['role', 'content', 'tool_calls'])
      .where('conversation_id', '=', id)
      .orderBy('id', 'desc')
      .limit(HISTORY)
      .execute();
    const history = rows.reverse().map((row): ChatMessage => ({
      role: row.role as ChatMessage['role'],
      content: row.content,
      ...(row.tool_calls ? { tool_calls: row.tool_calls } : {}),
    }));
    return { id, state: conversation.state, history };
  }
}
