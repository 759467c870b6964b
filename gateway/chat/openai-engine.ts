import type { Logger } from '../../platform/logger.ts';
import { toolNames, type ToolName } from '../../schemas/tools.ts';
import {
  LlmError,
  type AssistantReply,
  type ChatCompletionsClient,
  type LlmFailureKind,
  type WireMessage,
  type WireToolCall,
} from './chat-completions.ts';
import {
  answerPending,
  BulkChangeGuard,
  mixedChangesReply,
  pendingFor,
  type Pending,
  type ProposedCall,
} from './confirmation.ts';
import type {
  ChatContext,
  ChatEngine,
  ChatMessage,
  EngineTurn,
  ExecutedToolCall,
} from './engine.ts';
import { systemPrompt } from './system-prompt.ts';

export interface OpenAiEngineOptions {
  client: ChatCompletionsClient;
  /** Calls to the model per turn; a model that keeps asking for tools is stopped there. */
  maxRounds: number;
  /** Tool calls per turn, over all rounds. */
  maxToolCalls: number;
  logger: Logger;
}

/** What the user is told when the model fails; the model's own words never reach them. */
const failureReplies: Record<LlmFailureKind, string> = {
  timeout: 'The language model took too long to answer, so I stopped there.',
  rate_limited: 'The language model is busy right now.',
  unavailable: 'I could not reach the language model just now.',
  refused:
    'The language model turned the request down; that is a problem with how the chat is set up, not with what you asked.',
  malformed: 'The language model sent an answer I could not read.',
};

/** A call the model asked for: runnable, or refused before running with the reason. */
type Parsed = { call: WireToolCall } & (
  { proposed: ProposedCall; error?: undefined } | { error: string; proposed?: undefined }
);

function parseCall(call: WireToolCall): Parsed {
  const name = call.function.name;
  if (!(toolNames as string[]).includes(name))
    return { call, error: `unknown tool "${name}"; the tools are ${toolNames.join(', ')}` };
  let args: unknown;
  try {
    args = JSON.parse(call.function.arguments || '{}');
  } catch {
    return {
      call,
      error: 'the arguments are not valid JSON; call the tool again with a JSON object',
    };
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args))
    return { call, error: 'the arguments must be a JSON object' };
  return { call, proposed: { name: name as ToolName, arguments: args as Record<string, unknown> } };
}

/** A tool's result as the model reads it. */
const toolResult = (executed: ExecutedToolCall) =>
  JSON.stringify(
    executed.ok
      ? { summary: executed.summary, tasks: executed.tasks }
      : { error: executed.summary },
  );

/**
 * Earlier turns as the model would have seen them: the assistant's tool calls with short results
 * (ids and titles, so "delete it" can find the task), then its answer.
 */
function historyMessages(history: readonly ChatMessage[]): WireMessage[] {
  return history.flatMap((message, index): WireMessage[] => {
    if (message.role === 'user') return [{ role: 'user', content: message.content }];
    const calls = message.tool_calls ?? [];
    const ids = calls.map((_, position) => `history_${index}_${position}`);
    return [
      ...(calls.length > 0
        ? [
            {
              role: 'assistant' as const,
              content: null,
              tool_calls: calls.map((call, position) => ({
                id: ids[position]!,
                type: 'function' as const,
                function: { name: call.name, arguments: JSON.stringify(call.arguments) },
              })),
            },
            ...calls.map((call, position) => ({
              role: 'tool' as const,
              tool_call_id: ids[position]!,
              content: JSON.stringify(
                call.ok
                  ? {
                      summary: call.summary,
                      tasks: call.tasks.map(({ id, title, status, due_at }) => ({
                        id,
                        title,
                        status,
                        due_at,
                      })),
                    }
                  : { error: call.summary },
              ),
            })),
          ]
        : []),
      { role: 'assistant', content: message.content },
    ];
  });
}

const succeeded = (done: readonly ExecutedToolCall[]) =>
  done.filter((call) => call.ok).map((call) => call.summary);

/** " So far: Added “Milk”; Added “Bread”." for replies that end a turn early. */
const soFar = (done: readonly ExecutedToolCall[]) => {
  const changes = succeeded(done);
  return changes.length > 0 ? ` So far: ${changes.join('; ')}.` : ' Nothing was changed.';
};

/** "Done: Added “Milk”. " before a question, or for a model that answered with tools only. */
const doneReply = (done: readonly ExecutedToolCall[]) => {
  const changes = succeeded(done);
  return changes.length > 0 ? `Done: ${changes.join('; ')}.` : '';
};

/**
 * Any OpenAI-compatible chat-completions endpoint with tool calling (OpenAI, Ollama, vLLM,
 * llama.cpp, LM Studio, …). The model picks tools; every call goes through the same tool
 * runner as the offline engine and MCP, so validation and ownership are enforced the same way.
 * What the model cannot be trusted with is enforced here: bulk changes wait for the user's yes,
 * a turn has a bounded number of rounds and tool calls, and a failing model gets a polite reply.
 */
export class OpenAiChatEngine implements ChatEngine {
  readonly name: string;

  constructor(private readonly options: OpenAiEngineOptions) {
    this.name = `openai-compatible:${options.client.model}`;
  }

  async respond(context: ChatContext): Promise<EngineTurn> {
    const answered = await answerPending(context);
    if ('turn' in answered) return answered.turn;
    const focus = [...answered.state.focus];
    const done: ExecutedToolCall[] = [];
    const finish = (reply: string, pending?: Pending): EngineTurn => ({
      reply,
      state: { focus: [...new Set(focus)].slice(-5), ...(pending ? { pending } : {}) },
    });

    const messages: WireMessage[] = [
      { role: 'system', content: systemPrompt(context.timeZone, context.now) },
      ...historyMessages(context.history),
      { role: 'user', content: context.message },
    ];
    const guard = new BulkChangeGuard();
    let toolCalls = 0;
    for (let round = 0; round < this.options.maxRounds; round++) {
      let reply: AssistantReply;
      try {
        reply = await this.options.client.complete(messages);
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        this.options.logger.warn('language model call failed', {
          kind: error.kind,
          status: error.status,
          endpoint: this.options.client.endpoint,
          model: this.options.client.model,
          detail: error.message,
          round,
        });
        // A refusal (bad key, unknown model) is the operator's to fix: trying again won't help.
        const retry = error.kind === 'refused' ? '' : ' Please try again in a moment.';
        return finish(`${failureReplies[error.kind]}${soFar(done)}${retry}`);
      }
      if (reply.toolCalls.length === 0)
        return finish(reply.content.trim() || doneReply(done) || 'Okay.');

      toolCalls += reply.toolCalls.length;
      if (toolCalls > this.options.maxToolCalls) return this.stop(finish, done, 'tool calls');
      messages.push({
        role: 'assistant',
        content: reply.content || null,
        tool_calls: reply.toolCalls,
      });

      const parsed = reply.toolCalls.map(parseCall);
      const held = guard.screen(parsed.flatMap((item) => (item.proposed ? [item.proposed] : [])));
      for (const item of parsed) {
        if (item.error !== undefined) {
          this.options.logger.warn('language model asked for a call it cannot make', {
            tool: item.call.function.name.slice(0, 100),
            model: this.options.client.model,
            problem: item.error.startsWith('unknown') ? 'unknown tool' : 'arguments',
          });
          messages.push({
            role: 'tool',
            tool_call_id: item.call.id,
            content: JSON.stringify({ error: item.error }),
          });
          continue;
        }
        if (held.includes(item.proposed)) continue;
        const executed = await context.runTool(item.proposed.name, item.proposed.arguments);
        done.push(executed);
        guard.record(executed);
        // A listing is not what the conversation is about; the tasks it touched or opened are.
        if (executed.name !== 'list_tasks') focus.push(...executed.tasks.map((task) => task.id));
        messages.push({ role: 'tool', tool_call_id: item.call.id, content: toolResult(executed) });
      }
      if (held.length > 0) {
        const pending = await pendingFor(held, context);
        const question = pending ? pending.question : mixedChangesReply;
        return finish([doneReply(done), question].filter(Boolean).join(' '), pending);
      }
    }
    return this.stop(finish, done, 'rounds');
  }

  /** The polite end of a turn in which the model kept asking for tools. */
  private stop(
    finish: (reply: string) => EngineTurn,
    done: readonly ExecutedToolCall[],
    limit: 'rounds' | 'tool calls',
  ): EngineTurn {
    this.options.logger.warn('language model stopped at the limit of a turn', {
      limit,
      max_rounds: this.options.maxRounds,
      max_tool_calls: this.options.maxToolCalls,
      model: this.options.client.model,
    });
    return finish(
      `I stopped because this needed more steps than I take in one go.${soFar(done)} Tell me what should happen next.`,
    );
  }
}
