import { Temporal } from '@js-temporal/polyfill';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../schemas/chat.ts';
import type { Task } from '../../schemas/task.ts';
import { toolNames } from '../../schemas/tools.ts';
import { useOwnStack } from '../support/own-stack.ts';
import { ScriptedChatCompletions, toolResults } from '../support/scripted-chat-completions.ts';

/**
 * The gateway's chat with an OpenAI-compatible model: a scripted chat-completions server stands
 * in for the model (the only double here); tools run against the real actors and read model.
 */
const apiKey = 'sk-integration-secret-41d7c0';
const llm = await ScriptedChatCompletions.start();
afterAll(() => llm.close());

const own = useOwnStack('chat-llm', () => ({
  CHAT_LLM_BASE_URL: llm.baseUrl,
  CHAT_LLM_API_KEY: apiKey,
  CHAT_LLM_MODEL: 'test-model',
  CHAT_LLM_TIMEOUT_MS: '3000',
  CHAT_LLM_MAX_ROUNDS: '4',
  CHAT_LLM_MAX_TOOL_CALLS: '8',
}));

async function user(zone = 'Europe/Berlin') {
  const call = await own.api(`llm-${randomUUID()}`);
  expect((await call('PATCH', '/me', { time_zone: zone })).status).toBe(200);
  const chat = async (message: string, conversationId?: string) => {
    const response = await call('POST', '/chat', {
      message,
      ...(conversationId ? { conversation_id: conversationId } : {}),
    });
    expect(response.status).toBe(200);
    return response.body as unknown as ChatResponse;
  };
  const add = async (title: string) => {
    const response = await call('POST', '/tasks', { title });
    expect(response.status).toBe(201);
    return response.body as unknown as Task;
  };
  return { call, chat, add };
}

/** Every log of the stack, gateway first. */
const logs = () => {
  const { logDir } = own.stack().info;
  return readdirSync(logDir)
    .sort((a, b) => Number(b === 'todo-gateway.log') - Number(a === 'todo-gateway.log'))
    .map((file) => readFileSync(join(logDir, file), 'utf8'))
    .join('\n');
};

describe('the chat agent with an OpenAI-compatible model', () => {
  it('offers the task tools, runs the call the model asks for, and returns its answer', async () => {
    const { chat, call } = await user();
    llm.play(
      {
        call: [
          {
            name: 'add_task',
            arguments: { title: 'Buy oat milk', priority: 'high', tags: ['home'] },
          },
        ],
      },
      (request) => ({ say: `Done: ${toolResults(request)[0]!.summary as string}` }),
    );
    const answer = await chat('please add oat milk, it is important #home');
    expect(answer.engine).toBe('openai-compatible:test-model');
    expect(answer.tool_calls).toEqual([expect.objectContaining({ name: 'add_task', ok: true })]);
    expect(answer.tasks[0]).toMatchObject({
      title: 'Buy oat milk',
      priority: 'high',
      tags: ['home'],
    });
    expect(answer.reply).toBe('Done: Added “Buy oat milk”');

    const [first, second] = llm.requests;
    expect(first!.authorization).toBe(`Bearer ${apiKey}`);
    expect(first!.body.model).toBe('test-model');
    expect(first!.body.tools.map((tool) => tool.function.name)).toContain('set_recurrence');
    // Every tool of the MCP server and the offline engine, no more.
    expect(first!.body.tools.map((tool) => tool.function.name).sort()).toEqual(
      [...toolNames].sort(),
    );
    expect(
      first!.body.tools.find((tool) => tool.function.name === 'add_task')!.function.parameters
        .properties,
    ).toHaveProperty('title');
    expect(second!.body.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_0_0' });
    // The task exists for real, in the actor.
    expect((await call('GET', `/tasks/${answer.tasks[0]!.id}`)).status).toBe(200);
  });

  it('tells the model the user’s zone, local time and today’s date', async () => {
    const { chat } = await user('America/Chicago');
    llm.play({ say: 'Hello!' });
    const local = () => {
      const now = Temporal.Now.zonedDateTimeISO('America/Chicago');
      return `${now.toPlainDate().toString()} ${now.toPlainTime().toString({ smallestUnit: 'minute' })} (UTC${now.offset})`;
    };
    const before = local();
    expect((await chat('hi')).reply).toBe('Hello!');
    const after = local();
    const system = llm.requests[0]!.body.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain('America/Chicago');
    expect([before, after].some((time) => system.content!.includes(time))).toBe(true);
    expect(system.content).toContain(`Today is `);
  });

  it('runs several tools in one turn: two additions, then the list they are in', async () => {
    const { chat } = await user();
    llm.play(
      {
        call: [
          { name: 'add_task', arguments: { title: 'Buy milk' } },
          { name: 'add_task', arguments: { title: 'Buy bread' } },
        ],
      },
      { call: [{ name: 'list_tasks', arguments: { q: 'buy' } }] },
      { say: 'Added both; here is your shopping list.' },
    );
    const answer = await chat('add milk and bread, then show what I need to buy');
    expect(answer.tool_calls.map((call) => [call.name, call.ok])).toEqual([
      ['add_task', true],
      ['add_task', true],
      ['list_tasks', true],
    ]);
    expect(answer.reply).toBe('Added both; here is your shopping list.');
    expect(answer.tasks.map((task) => task.title).sort()).toEqual(['Buy bread', 'Buy milk']);
    expect(toolResults(llm.requests[1]!.body).map((result) => result.summary)).toEqual([
      'Added “Buy milk”',
      'Added “Buy bread”',
    ]);
  });

  it('feeds a failing tool call back to the model, which recovers', async () => {
    const { chat, add } = await user();
    const report = await add('Write the report');
    llm.play(
      { call: [{ name: 'complete_task', arguments: { task_id: randomUUID() } }] },
      // The model reads the error and tries again with the right id.
      (request) =>
        'error' in toolResults(request)[0]!
          ? { call: [{ name: 'complete_task', arguments: { task_id: report.id } }] }
          : { say: 'the error never reached the model' },
      { say: 'Marked “Write the report” done.' },
    );
    const answer = await chat('I finished the report');
    expect(toolResults(llm.requests[1]!.body)[0]).toEqual({
      error: expect.stringMatching(/not_found/),
    });
    expect(answer.tool_calls.map((call) => [call.name, call.ok])).toEqual([
      ['complete_task', false],
      ['complete_task', true],
    ]);
    expect(answer.tasks.find((task) => task.id === report.id)?.status).toBe('completed');
    expect(answer.reply).toBe('Marked “Write the report” done.');
  });

  it('holds a deletion of several tasks until the user says yes, without asking the model again', async () => {
    const { chat, add, call } = await user();
    const [milk, bread] = [await add('Milk'), await add('Bread')];
    llm.play({
      call: [
        { name: 'delete_task', arguments: { task_id: milk.id } },
        { name: 'delete_task', arguments: { task_id: bread.id } },
      ],
    });
    const asked = await chat('delete milk and bread');
    expect(asked.awaiting_confirmation).toBe(true);
    expect(asked.tool_calls).toEqual([]);
    expect(asked.reply).toMatch(/^Delete 2 tasks: “Milk”, “Bread”\? Say yes/);
    expect((await call('GET', `/tasks/${milk.id}`)).status).toBe(200);
    expect((await call('GET', `/tasks/${bread.id}`)).status).toBe(200);

    llm.play();
    const confirmed = await chat('yes', asked.conversation_id);
    expect(llm.requests).toEqual([]);
    expect(confirmed.awaiting_confirmation).toBe(false);
    expect(confirmed.tool_calls.map((c) => [c.name, c.ok])).toEqual([
      ['delete_task', true],
      ['delete_task', true],
    ]);
    expect((await call('GET', `/tasks/${milk.id}`)).status).toBe(404);
    expect((await call('GET', `/tasks/${bread.id}`)).status).toBe(404);
  });

  it('drops a held change when the answer is not a yes', async () => {
    const { chat, add, call } = await user();
    const [milk, bread] = [await add('Milk'), await add('Bread')];
    llm.play({
      call: [
        { name: 'complete_task', arguments: { task_id: milk.id } },
        { name: 'complete_task', arguments: { task_id: bread.id } },
      ],
    });
    const asked = await chat('I bought milk and bread');
    expect(asked.awaiting_confirmation).toBe(true);
    llm.play({ say: 'Which one did you buy?' });
    const other = await chat('hm, wait', asked.conversation_id);
    expect(other).toMatchObject({ awaiting_confirmation: false, reply: 'Which one did you buy?' });
    // Nothing is held any more: a late yes is just a message to the model.
    llm.play({ say: 'Yes to what?' });
    const yesLater = await chat('yes', asked.conversation_id);
    expect(yesLater).toMatchObject({ tool_calls: [], reply: 'Yes to what?' });
    for (const task of [milk, bread])
      expect((await call('GET', `/tasks/${task.id}`)).body).toMatchObject({ status: 'pending' });
  });

  it('ends a turn politely when the model keeps calling tools', async () => {
    const { chat } = await user();
    llm.repeat({ call: [{ name: 'list_tasks', arguments: {} }] });
    const answer = await chat('what do I have?');
    expect(llm.requests).toHaveLength(4);
    expect(answer.tool_calls).toHaveLength(4);
    expect(answer.reply).toMatch(/^I stopped because this needed more steps than I take in one go/);
  });

  it('answers politely when the model fails or does not answer in time, and logs no key', async () => {
    const { chat } = await user();
    llm.play(
      { call: [{ name: 'add_task', arguments: { title: 'Call the bank' } }] },
      { status: 500, body: `{"error":"overloaded; key ${apiKey}"}` },
    );
    const failed = await chat('add call the bank');
    expect(failed.reply).toBe(
      'I could not reach the language model just now. So far: Added “Call the bank”. Please try again in a moment.',
    );
    expect(failed.tasks.map((task) => task.title)).toEqual(['Call the bank']);

    llm.play({ hang: true });
    const slow = await chat('what is due today?', failed.conversation_id);
    expect(slow.reply).toBe(
      'The language model took too long to answer, so I stopped there. Nothing was changed. Please try again in a moment.',
    );

    const log = logs();
    expect(log).toContain('language model call failed');
    expect(log).toContain('[redacted]');
    expect(log).not.toContain(apiKey);
    expect(JSON.stringify([failed, slow])).not.toContain(apiKey);
  });
});
