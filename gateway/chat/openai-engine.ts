import { z } from 'zod';
import { toolInputSchemas, toolNames, type ToolName } from '../../schemas/tools.ts';
import { taskTools } from '../tools/task-tools.ts';
import type { ChatContext, ChatEngine, EngineTurn } from './engine.ts';

export interface OpenAiEngineOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Tool rounds per turn before the engine stops and answers. */
  maxSteps?: number;
  timeoutMs?: number;
}

type WireMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };
type WireToolCall = { id: string; type: 'function'; function: { name: string; arguments: string } };

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullable().optional(),
          tool_calls: z
            .array(
              z.object({
                id: z.string(),
                type: z.literal('function').optional(),
                function: z.object({ name: z.string(), arguments: z.string() }),
              }),
            )
            .optional(),
        }),
      }),
    )
    .min(1),
});

/** The task tools as the chat-completions `tools` parameter: JSON Schema from the zod schemas. */
export const wireTools = toolNames.map((name) => ({
  type: 'function' as const,
  function: {
    name,
    description: taskTools[name].description,
    parameters: z.toJSONSchema(toolInputSchemas[name], { io: 'input', unrepresentable: 'any' }),
  },
}));

/**
 * Any OpenAI-compatible chat-completions endpoint with tool calling (OpenAI, Azure, Ollama,
 * vLLM, LM Studio, …). The model picks tools; every call goes through the same tool runner as
 * the offline engine and MCP, so validation and ownership are enforced the same way.
 */
export class OpenAiChatEngine implements ChatEngine {
  readonly name: string;

  constructor(private readonly options: OpenAiEngineOptions) {
    this.name = `openai-compatible:${options.model}`;
  }

  async respond(context: ChatContext): Promise<EngineTurn> {
    const messages: WireMessage[] = [
      {
        role: 'system',
        content: [
          'You manage the user’s tasks with the tools provided. Use them; never invent task ids (find them with list_tasks).',
          `The user’s time zone is ${context.timeZone}; now is ${context.now.toISOString()}. Give due times as ISO 8601 instants with offset.`,
          'If a request is ambiguous, ask a short question instead of changing anything. Before deleting several tasks, ask for confirmation.',
          'Answer briefly.',
        ].join('\n'),
      },
      ...context.history.map((message): WireMessage => ({
        role: message.role,
        content: message.content,
      })),
      { role: 'user', content: context.message },
    ];
    const focus = new Set(context.state.focus);
    for (let step = 0; step < (this.options.maxSteps ?? 5); step++) {
      const reply = await this.complete(messages);
      const toolCalls = reply.tool_calls ?? [];
      if (toolCalls.length === 0)
        return {
          reply: reply.content ?? '',
          state: { ...context.state, focus: [...focus].slice(-5) },
        };
      messages.push({
        role: 'assistant',
        content: reply.content ?? null,
        tool_calls: toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: call.function,
        })),
      });
      for (const call of toolCalls) {
        let content: string;
        if (!(toolNames as string[]).includes(call.function.name)) {
          content = JSON.stringify({ error: `unknown tool ${call.function.name}` });
        } else {
          let args: Record<string, unknown> = {};
          try {
            args = JSON.parse(call.function.arguments || '{}') as Record<string, unknown>;
          } catch {
            args = {};
          }
          const executed = await context.runTool(call.function.name as ToolName, args);
          for (const task of executed.tasks) focus.add(task.id);
          content = JSON.stringify(
            executed.ok
              ? { summary: executed.summary, tasks: executed.tasks }
              : { error: executed.summary },
          );
        }
        messages.push({ role: 'tool', tool_call_id: call.id, content });
      }
    }
    return {
      reply: 'I stopped after several steps; please say what you want done next.',
      state: context.state,
    };
  }

  private async complete(messages: WireMessage[]) {
    const response = await fetch(`${this.options.baseUrl.replace(/\/$/, '')}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.options.apiKey}`,
      },
      body: JSON.stringify({
        model: this.options.model,
        messages,
        tools: wireTools,
        tool_choice: 'auto',
        temperature: 0,
      }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
    });
    if (!response.ok)
      throw new Error(
        `the language model answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
    return completionSchema.parse(await response.json()).choices[0]!.message;
  }
}
