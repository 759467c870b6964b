import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../schemas/chat.ts';
import { useOwnStack } from '../support/own-stack.ts';

/**
 * The OpenAI-compatible engine against a local server that speaks the chat-completions wire
 * format with tool calls: first it asks for add_task, then, given the tool's result, it answers.
 */
interface WireRequest {
  model: string;
  messages: {
    role: string;
    content: string | null;
    tool_call_id?: string;
    tool_calls?: unknown[];
  }[];
  tools: {
    type: string;
    function: { name: string; parameters: { properties?: Record<string, unknown> } };
  }[];
}
const requests: { body: WireRequest; authorization: string | undefined }[] = [];

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolveBody) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolveBody(body));
  });

const llm = createServer(async (request, response) => {
  if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
    response.writeHead(404).end();
    return;
  }
  const body = JSON.parse(await readBody(request)) as WireRequest;
  requests.push({ body, authorization: request.headers.authorization });
  const last = body.messages[body.messages.length - 1]!;
  const message =
    last.role === 'tool'
      ? {
          role: 'assistant',
          content: `Done: ${JSON.parse(last.content ?? '{}').summary as string}`,
        }
      : {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: {
                name: 'add_task',
                arguments: JSON.stringify({
                  title: 'Buy oat milk',
                  priority: 'high',
                  tags: ['home'],
                }),
              },
            },
          ],
        };
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      model: body.model,
      choices: [{ index: 0, message, finish_reason: 'stop' }],
    }),
  );
});
await new Promise<void>((resolveListen) => llm.listen(0, '127.0.0.1', resolveListen));
afterAll(() => new Promise<void>((resolveClose) => llm.close(() => resolveClose())));

const own = useOwnStack('chat-llm', () => ({
  CHAT_LLM_BASE_URL: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`,
  CHAT_LLM_API_KEY: 'test-key',
  CHAT_LLM_MODEL: 'test-model',
}));

describe('the chat agent with an OpenAI-compatible model', () => {
  it('offers the task tools, runs the call the model asks for, and returns its answer', async () => {
    const api = await own.api('llm-user');
    const response = await api('POST', '/chat', {
      message: 'please add oat milk, it is important #home',
    });
    expect(response.status).toBe(200);
    const chat = response.body as unknown as ChatResponse;
    expect(chat.engine).toBe('openai-compatible:test-model');
    expect(chat.tool_calls).toEqual([expect.objectContaining({ name: 'add_task', ok: true })]);
    expect(chat.tasks[0]).toMatchObject({
      title: 'Buy oat milk',
      priority: 'high',
      tags: ['home'],
    });
    expect(chat.reply).toBe('Done: Added “Buy oat milk”');

    const [first, second] = requests;
    expect(first!.authorization).toBe('Bearer test-key');
    expect(first!.body.model).toBe('test-model');
    expect(first!.body.tools.map((tool) => tool.function.name)).toContain('set_recurrence');
    expect(first!.body.tools).toHaveLength(11);
    expect(
      first!.body.tools.find((tool) => tool.function.name === 'add_task')!.function.parameters
        .properties,
    ).toHaveProperty('title');
    expect(first!.body.messages[0]!.role).toBe('system');
    expect(second!.body.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });

    // The task exists for real, in the actor.
    const task = await api('GET', `/tasks/${chat.tasks[0]!.id}`);
    expect(task.status).toBe(200);
  });
});
