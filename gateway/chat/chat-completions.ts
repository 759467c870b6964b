import { z } from 'zod';
import { toolInputSchemas, toolNames } from '../../schemas/tools.ts';
import { taskTools } from '../tools/task-tools.ts';

/** A message of the chat-completions wire format, as this client sends it. */
export type WireMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullable().optional(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().optional(),
                type: z.literal('function').optional(),
                function: z.object({
                  name: z.string(),
                  // Some servers send the arguments as an object instead of a JSON string.
                  arguments: z
                    .union([z.string(), z.record(z.string(), z.unknown())])
                    .optional()
                    .transform((value) =>
                      typeof value === 'string' ? value : JSON.stringify(value ?? {}),
                    ),
                }),
              }),
            )
            .nullable()
            .optional(),
        }),
      }),
    )
    .min(1),
});

/** What the model answered: text, tool calls, or both. */
export interface AssistantReply {
  content: string;
  toolCalls: WireToolCall[];
}

/**
 * A JSON Schema without long enums: the ~600 time-zone names would be two thirds of the tools'
 * size, more than a small local model's context holds. The description still says what is
 * accepted, and the tool runner validates the value all the same.
 */
function withoutLongEnums(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutLongEnums);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === 'enum' && Array.isArray(value) && value.length > 50))
      .map(([key, value]) => [key, withoutLongEnums(value)]),
  );
}

/** The task tools as the chat-completions `tools` parameter: JSON Schema from the zod schemas. */
export const wireTools = toolNames.map((name) => ({
  type: 'function' as const,
  function: {
    name,
    description: taskTools[name].description,
    parameters: withoutLongEnums(
      z.toJSONSchema(toolInputSchemas[name], { io: 'input', unrepresentable: 'any' }),
    ) as { type: 'object'; properties?: Record<string, unknown> },
  },
}));

/**
 * Why a call to the model failed. Each kind gets its own polite reply; none of them carries the
 * model's answer to the user (it may echo the request or the key).
 */
export type LlmFailureKind = 'timeout' | 'rate_limited' | 'unavailable' | 'refused' | 'malformed';

export class LlmError extends Error {
  constructor(
    readonly kind: LlmFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}

export interface ChatCompletionsOptions {
  /** Up to and including /v1, e.g. http://localhost:11434/v1. */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** One call, answer body included, is aborted after this long. */
  timeoutMs: number;
}

/** An OpenAI-compatible chat-completions endpoint with tool calling. */
export class ChatCompletionsClient {
  readonly model: string;
  private readonly url: string;

  constructor(private readonly options: ChatCompletionsOptions) {
    this.model = options.model;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  }

  /** Where calls go, for logs: without credentials in the URL, query or fragment. */
  get endpoint(): string {
    const url = new URL(this.url);
    return `${url.protocol}//${url.host}${url.pathname}`;
  }

  /** Removes the API key from text that may echo it (some servers quote the key they refused). */
  redact(text: string): string {
    const key = this.options.apiKey;
    return key.length >= 4 ? text.split(key).join('[redacted]') : text;
  }

  async complete(messages: WireMessage[]): Promise<AssistantReply> {
    let body: unknown;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // A chart without the optional Secret key hands over an empty one: no header then.
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: this.options.model,
          messages,
          tools: wireTools,
          tool_choice: 'auto',
          temperature: 0,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) throw this.httpError(response.status, text);
      try {
        body = JSON.parse(text);
      } catch {
        throw new LlmError('malformed', `answer is not JSON: ${this.redact(text.slice(0, 200))}`);
      }
    } catch (error) {
      if (error instanceof LlmError) throw error;
      if (error instanceof Error && error.name === 'TimeoutError')
        throw new LlmError('timeout', `no answer within ${this.options.timeoutMs} ms`);
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw new LlmError(
        'unavailable',
        `unreachable: ${this.redact(cause instanceof Error ? cause.message : String(cause))}`,
      );
    }
    const parsed = completionSchema.safeParse(body);
    if (!parsed.success)
      throw new LlmError('malformed', `answer is not a chat completion: ${parsed.error.message}`);
    const message = parsed.data.choices[0]!.message;
    return {
      content: message.content ?? '',
      toolCalls: (message.tool_calls ?? []).map((call, index) => ({
        id: call.id ?? `call_${index}`,
        type: 'function',
        function: { name: call.function.name, arguments: call.function.arguments },
      })),
    };
  }

  private httpError(status: number, text: string): LlmError {
    const detail = `HTTP ${status}: ${this.redact(text.slice(0, 300))}`;
    if (status === 429) return new LlmError('rate_limited', detail, status);
    if (status >= 500) return new LlmError('unavailable', detail, status);
    return new LlmError('refused', detail, status);
  }
}
