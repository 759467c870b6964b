import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../platform/logger.ts';
import type { Task } from '../../schemas/task.ts';
import type { ToolName } from '../../schemas/tools.ts';
import {
  ScriptedChatCompletions,
  toolResults,
} from '../../tests/support/scripted-chat-completions.ts';
import { ChatCompletionsClient } from './chat-completions.ts';
import type { ChatContext, ConversationState, ExecutedToolCall } from './engine.ts';
import { OpenAiChatEngine } from './openai-engine.ts';

/**
 * The engine's own rules against a scripted chat-completions server, with tasks in memory: what
 * runs, what waits for a yes, where a turn stops, and what a failing model leaves the user with.
 * tests/integration/chat-llm.test.ts runs the same engine in the real stack.
 */

const apiKey = 'sk-unit-secret-8c1f2e';
let llm: ScriptedChatCompletions;
beforeAll(async () => {
  llm = await ScriptedChatCompletions.start();
});
afterAll(() => llm.close());

/** A logger that keeps what it was given, to check that no secret is in it. */
function recordingLogger() {
  const lines: { message: string; meta: unknown }[] = [];
  const logger = {
    warn: (message: string, meta: unknown) => lines.push({ message, meta }),
  } as unknown as Logger;
  return { logger, text: () => JSON.stringify(lines), lines };
}

function engine(logger: Logger, timeoutMs = 2_000) {
  return new OpenAiChatEngine({
    client: new ChatCompletionsClient({
      baseUrl: llm.baseUrl,
      apiKey,
      model: 'scripted',
      timeoutMs,
    }),
    maxRounds: 4,
    maxToolCalls: 6,
    logger,
  });
}

/** The user's tasks in memory, and tools that act on them like the real ones would. */
function userWith(...titles: string[]) {
  const tasks = new Map<string, Task>();
  const add = (title: string) => {
    const task = { id: randomUUID(), title, status: 'pending', due_at: null } as unknown as Task;
    tasks.set(task.id, task);
    return task;
  };
  const initial = titles.map(add);
  const ran: ExecutedToolCall[] = [];
  const runTool = async (
    name: ToolName,
    args: Record<string, unknown>,
  ): Promise<ExecutedToolCall> => {
    const task = tasks.get(args.task_id as string);
    const result = (ok: boolean, summary: string, affected: Task[] = []): ExecutedToolCall => ({
      name,
      arguments: args,
      ok,
      summary,
      tasks: affected,
    });
    let executed: ExecutedToolCall;
    if (name === 'add_task') {
      const added = add(args.title as string);
      executed = result(true, `Added “${added.title}”`, [added]);
    } else if (name === 'list_tasks')
      executed = result(true, `${tasks.size} tasks`, [...tasks.values()]);
    else if (!task) executed = result(false, `task ${String(args.task_id)} not found`);
    else if (name === 'delete_task') {
      tasks.delete(task.id);
      executed = result(true, `Deleted: “${task.title}”`, [task]);
    } else executed = result(true, `${name}: “${task.title}”`, [task]);
    ran.push(executed);
    return executed;
  };
  const say = (message: string, state: ConversationState = { focus: [] }): ChatContext => ({
    message,
    history: [],
    state,
    timeZone: 'Europe/Berlin',
    now: new Date('2026-12-08T09:30:00Z'),
    findTasks: async () => [...tasks.values()],
    getTask: async (id) => tasks.get(id),
    runTool,
  });
  return { tasks, initial, ran, say };
}

describe('the language-model engine', () => {
  it('runs several tools over several rounds and answers with the model’s words', async () => {
    const { logger } = recordingLogger();
    const user = userWith();
    llm.play(
      {
        call: [
          { name: 'add_task', arguments: { title: 'Milk' } },
          { name: 'add_task', arguments: { title: 'Bread' } },
        ],
      },
      { call: [{ name: 'list_tasks', arguments: {} }] },
      { say: 'Added milk and bread; you have 2 tasks.' },
    );
    const turn = await engine(logger).respond(user.say('add milk and bread, then show my list'));
    expect(turn.reply).toBe('Added milk and bread; you have 2 tasks.');
    expect(user.ran.map((call) => call.name)).toEqual(['add_task', 'add_task', 'list_tasks']);
    expect(toolResults(llm.requests[1]!.body)).toEqual([
      expect.objectContaining({ summary: 'Added “Milk”' }),
      expect.objectContaining({ summary: 'Added “Bread”' }),
    ]);
    expect(turn.state).toEqual({ focus: [...user.tasks.keys()] });
  });

  it('feeds unknown tools, bad JSON and failing tools back to the model without running them', async () => {
    const { logger, lines } = recordingLogger();
    const user = userWith();
    llm.play(
      {
        call: [
          { name: 'fly_to_the_moon', arguments: {} },
          { name: 'add_task', arguments: '{"title": "Milk"' },
          { name: 'complete_task', arguments: { task_id: randomUUID() } },
        ],
      },
      { call: [{ name: 'add_task', arguments: { title: 'Milk' } }] },
      { say: 'Added “Milk”.' },
    );
    const turn = await engine(logger).respond(user.say('add milk'));
    const [unknown, badJson, failed] = toolResults(llm.requests[1]!.body);
    expect(unknown!.error).toMatch(/unknown tool "fly_to_the_moon"/);
    expect(badJson!.error).toMatch(/not valid JSON/);
    expect(failed!.error).toMatch(/not found/);
    expect(user.ran.map((call) => [call.name, call.ok])).toEqual([
      ['complete_task', false],
      ['add_task', true],
    ]);
    expect(turn.reply).toBe('Added “Milk”.');
    expect(lines.map((line) => line.message)).toEqual([
      'language model asked for a call it cannot make',
      'language model asked for a call it cannot make',
    ]);
  });

  it('holds changes to several tasks until a plain yes, and runs them without the model', async () => {
    const { logger } = recordingLogger();
    const user = userWith('Milk', 'Bread');
    const [milk, bread] = user.initial;
    const deleteBoth = {
      call: [
        { name: 'delete_task', arguments: { task_id: milk!.id } },
        { name: 'delete_task', arguments: { task_id: bread!.id } },
      ],
    };
    llm.play(deleteBoth);
    const asked = await engine(logger).respond(user.say('delete milk and bread'));
    expect(user.ran).toEqual([]);
    expect(asked.reply).toMatch(/^Delete 2 tasks: “Milk”, “Bread”\? Say yes/);
    expect(asked.state.pending).toEqual({
      name: 'delete_task',
      calls: [{ task_id: milk!.id }, { task_id: bread!.id }],
      question: asked.reply,
    });
    expect(llm.requests).toHaveLength(1);

    llm.play();
    const confirmed = await engine(logger).respond(user.say('yes please', asked.state));
    expect(llm.requests).toHaveLength(0);
    expect(confirmed.reply).toBe('Done: Deleted: “Milk”; Deleted: “Bread”.');
    expect(confirmed.state.pending).toBeUndefined();
    expect(user.tasks.size).toBe(0);
  });

  it('drops a held change on anything but a plain yes', async () => {
    const { logger } = recordingLogger();
    const user = userWith('Milk', 'Bread');
    const [milk, bread] = user.initial;
    llm.play({
      call: [
        { name: 'complete_task', arguments: { task_id: milk!.id } },
        { name: 'complete_task', arguments: { task_id: bread!.id } },
      ],
    });
    const asked = await engine(logger).respond(user.say('done with milk and bread'));
    expect(asked.state.pending?.name).toBe('complete_task');

    llm.play();
    const refused = await engine(logger).respond(user.say('no, keep them', asked.state));
    expect(refused).toEqual({ reply: 'Okay, I left everything as it was.', state: { focus: [] } });

    llm.play({ say: 'Which one did you finish?' });
    const other = await engine(logger).respond(user.say('yes but only the milk', asked.state));
    expect(other.reply).toBe('Which one did you finish?');
    expect(other.state.pending).toBeUndefined();
    expect(user.ran).toEqual([]);
  });

  it('lets one change through and holds the change to a second task in a later round', async () => {
    const { logger } = recordingLogger();
    const user = userWith('Milk', 'Bread');
    const [milk, bread] = user.initial;
    llm.play(
      { call: [{ name: 'complete_task', arguments: { task_id: milk!.id } }] },
      { call: [{ name: 'update_task', arguments: { task_id: milk!.id, priority: 'low' } }] },
      { call: [{ name: 'update_task', arguments: { task_id: bread!.id, priority: 'high' } }] },
    );
    const turn = await engine(logger).respond(user.say('finish milk and make bread urgent'));
    expect(user.ran.map((call) => call.name)).toEqual(['complete_task', 'update_task']);
    expect(turn.reply).toBe(
      'Done: complete_task: “Milk”; update_task: “Milk”. Change task (priority): “Bread”? Say yes to go ahead; anything else leaves them as they are.',
    );
    expect(turn.state.pending?.calls).toEqual([{ task_id: bread!.id, priority: 'high' }]);
  });

  it('refuses held changes of different kinds in one go', async () => {
    const { logger } = recordingLogger();
    const user = userWith('Milk', 'Bread');
    const [milk, bread] = user.initial;
    llm.play({
      call: [
        { name: 'delete_task', arguments: { task_id: milk!.id } },
        { name: 'complete_task', arguments: { task_id: bread!.id } },
      ],
    });
    const turn = await engine(logger).respond(user.say('delete milk, finish bread'));
    expect(user.ran).toEqual([]);
    expect(turn.reply).toMatch(/one kind of change at a time/);
    expect(turn.state.pending).toBeUndefined();
  });

  it('stops a model that keeps calling tools, at the round cap and at the tool-call cap', async () => {
    const { logger, lines } = recordingLogger();
    const user = userWith('Milk');
    llm.repeat({ call: [{ name: 'list_tasks', arguments: {} }] });
    const looping = await engine(logger).respond(user.say('what do I have?'));
    expect(llm.requests).toHaveLength(4);
    expect(looping.reply).toMatch(/^I stopped because this needed more steps/);

    llm.repeat({ call: Array.from({ length: 4 }, () => ({ name: 'list_tasks', arguments: {} })) });
    const greedy = await engine(logger).respond(user.say('what do I have?'));
    expect(llm.requests).toHaveLength(2);
    expect(user.ran).toHaveLength(4 + 4);
    expect(greedy.reply).toMatch(/^I stopped because this needed more steps/);
    expect(lines.map((line) => (line.meta as { limit: string }).limit)).toEqual([
      'rounds',
      'tool calls',
    ]);
  });

  const refusal = { status: 401, body: `bad key ${apiKey}` };
  it.each([
    [
      'a server error',
      { status: 500, body: `upstream broke for key ${apiKey}` },
      /could not reach/,
    ],
    ['a rate limit', { status: 429, body: '{"error":"slow down"}' }, /busy right now/],
    ['a refused key', refusal, /how the chat is set up/],
    ['an answer that is not JSON', { status: 200, body: '<html>' }, /could not read/],
    ['an answer of the wrong shape', { status: 200, body: '{"choices":[]}' }, /could not read/],
    ['no answer in time', { hang: true as const }, /took too long/],
  ])(
    'answers politely after %s, saying what was done, and logs no key',
    async (_, failure, reply) => {
      const { logger, lines, text } = recordingLogger();
      const user = userWith();
      llm.play({ call: [{ name: 'add_task', arguments: { title: 'Milk' } }] }, failure);
      const turn = await engine(logger, 500).respond(user.say('add milk'));
      expect(turn.reply).toMatch(reply);
      // Only a refusal is not worth retrying: it needs the operator.
      expect(turn.reply.endsWith('Please try again in a moment.')).toBe(failure !== refusal);
      expect(turn.reply).toContain('So far: Added “Milk”.');
      expect(turn.reply).not.toContain(apiKey);
      expect(lines).toEqual([expect.objectContaining({ message: 'language model call failed' })]);
      expect(text()).not.toContain(apiKey);
    },
  );

  it('tells the model the user’s zone, local time and day, and replays earlier tool calls', async () => {
    const { logger } = recordingLogger();
    const user = userWith();
    llm.play({ say: 'Hello.' });
    const context = user.say('hi');
    context.history = [
      { role: 'user', content: 'add milk' },
      {
        role: 'assistant',
        content: 'Added “Milk”.',
        tool_calls: [
          {
            name: 'add_task',
            arguments: { title: 'Milk' },
            ok: true,
            summary: 'Added “Milk”',
            tasks: [{ id: 'task-1', title: 'Milk', status: 'pending', due_at: null } as Task],
          },
        ],
      },
    ];
    await engine(logger).respond(context);
    const [system, ...rest] = llm.requests[0]!.body.messages;
    expect(system!.content).toContain('Europe/Berlin');
    expect(system!.content).toContain('2026-12-08 10:30 (UTC+01:00)');
    expect(system!.content).toContain('Today is Tuesday 2026-12-08; tomorrow is Wednesday');
    expect(rest.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(JSON.parse(rest[2]!.content!)).toEqual({
      summary: 'Added “Milk”',
      tasks: [{ id: 'task-1', title: 'Milk', status: 'pending', due_at: null }],
    });
    expect(llm.requests[0]!.authorization).toBe(`Bearer ${apiKey}`);
  });
});
