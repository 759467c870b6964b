import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an external language model: a real HTTP server speaking the OpenAI
 * chat-completions wire format, answering each request with the next step of a script and
 * recording what it was sent. Only the model is scripted; everything behind the gateway is real.
 */

export interface WireRequest {
  model: string;
  messages: {
    role: string;
    content: string | null;
    tool_call_id?: string;
    tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  }[];
  tools: {
    type: string;
    function: { name: string; parameters: { properties?: Record<string, unknown> } };
  }[];
}

export interface RecordedRequest {
  body: WireRequest;
  authorization: string | undefined;
}

/** One answer of the model. `arguments` given as a string are sent as they are (bad JSON too). */
export type ScriptedAnswer =
  | { say: string }
  | { call: { name: string; arguments: unknown }[]; say?: string }
  | { status: number; body: string }
  /** Never answers (until the server closes): a model that times out. */
  | { hang: true };
export type Step = ScriptedAnswer | ((request: WireRequest) => ScriptedAnswer);

/** The results the model was given for its last tool calls, parsed. */
export function toolResults(request: WireRequest): Record<string, unknown>[] {
  const lastAssistant = request.messages.findLastIndex((message) => message.role === 'assistant');
  return request.messages
    .slice(lastAssistant + 1)
    .filter((message) => message.role === 'tool')
    .map((message) => JSON.parse(message.content ?? '{}') as Record<string, unknown>);
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolveBody, reject) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolveBody(body));
    request.on('error', reject);
  });

export class ScriptedChatCompletions {
  readonly requests: RecordedRequest[] = [];
  private steps: Step[] = [];
  private always: Step | undefined;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<ScriptedChatCompletions> {
    const server = createServer();
    const scripted = new ScriptedChatCompletions(server);
    server.on('request', (request, response) => void scripted.handle(request, response));
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    return scripted;
  }

  /** The base URL a client is configured with, up to /v1. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Starts a new script: the recorded requests are cleared, the steps answer in order. */
  play(...steps: Step[]): void {
    this.requests.length = 0;
    this.steps = [...steps];
    this.always = undefined;
  }

  /** Answers every request of a new script with the same step: a model that never stops. */
  repeat(step: Step): void {
    this.play();
    this.always = step;
  }

  /** Steps not yet asked for. */
  get remaining(): number {
    return this.steps.length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolveClose) => this.server.close(() => resolveClose()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      response.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(request)) as WireRequest;
    const index = this.requests.push({ body, authorization: request.headers.authorization }) - 1;
    const step = this.steps.shift() ?? this.always;
    if (!step) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('the script has no more steps');
      return;
    }
    const answer = typeof step === 'function' ? step(body) : step;
    if ('hang' in answer) return;
    if ('status' in answer) {
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      return;
    }
    const message =
      'call' in answer
        ? {
            role: 'assistant',
            content: answer.say ?? null,
            tool_calls: answer.call.map((call, position) => ({
              id: `call_${index}_${position}`,
              type: 'function',
              function: {
                name: call.name,
                arguments:
                  typeof call.arguments === 'string'
                    ? call.arguments
                    : JSON.stringify(call.arguments),
              },
            })),
          }
        : { role: 'assistant', content: answer.say };
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${index}`,
        object: 'chat.completion',
        model: body.model,
        choices: [
          {
            index: 0,
            message,
            finish_reason: 'call' in answer ? 'tool_calls' : 'stop',
          },
        ],
      }),
    );
  }
}
