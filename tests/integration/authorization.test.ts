import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import type { EventEnvelope } from '../../schemas/events.ts';
import type { Task } from '../../schemas/task.ts';
import { apiAs } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The authorization matrix: user B against user A's task, events, history, conversation and
 * room, through every way in. Each row must look exactly like something that does not exist.
 *
 * | surface   | B tries                                             | B gets                        |
 * |-----------|-----------------------------------------------------|-------------------------------|
 * | REST      | GET / PATCH / DELETE the task, complete, reopen     | 404 task_not_found            |
 * | REST      | the task's history, its inspector page               | 404 task_not_found            |
 * | REST      | list, search by A's words, filter by A's tag         | A's task absent               |
 * | REST      | the audit trail                                      | none of A's events            |
 * | chat      | post into A's conversation                           | 404 conversation_not_found    |
 * | chat      | "mark <A's title> done" in B's own conversation      | no write; A's task unchanged  |
 * | MCP       | get_task, update_task, complete_task, delete_task    | tool error task_not_found     |
 * | MCP       | list_tasks with A's words                            | A's task absent               |
 * | Socket.IO | stay connected while A's task changes                | none of A's events            |
 */
const stack = inject('stack');
const marker = `zebra-${randomUUID().slice(0, 8)}`;
let alice: Awaited<ReturnType<typeof apiAs>>;
let bob: Awaited<ReturnType<typeof apiAs>>;
let aliceId: string;
let bobId: string;
let task: Task;
let conversationId: string;

beforeAll(async () => {
  aliceId = `alice-${randomUUID()}`;
  bobId = `bob-${randomUUID()}`;
  [alice, bob] = await Promise.all([apiAs(aliceId), apiAs(bobId)]);
  task = (await alice.post('/tasks', { title: `Secret ${marker} plan`, tags: [marker] }))
    .body as unknown as Task;
  conversationId = String(
    ((await alice.post('/chat', { message: 'show my tasks' })).body as { conversation_id: string })
      .conversation_id,
  );
  await eventually('the projection and the audit of A’s task', async () => {
    const listed = (await alice.get(`/tasks?q=${marker}`)).body as { items: Task[] };
    const history = await alice.get(`/tasks/${task.id}/history`);
    return listed.items.length === 1 && (history.body?.items as unknown[] | undefined)?.length
      ? true
      : undefined;
  });
});

describe('REST', () => {
  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['DELETE', ''],
    ['POST', '/complete'],
    ['POST', '/reopen'],
    ['GET', '/history'],
  ] as const)('%s /tasks/:id%s → 404', async (method, suffix) => {
    const response = await bob.call(
      method,
      `/tasks/${task.id}${suffix}`,
      method === 'PATCH' ? { title: 'mine now' } : undefined,
    );
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'task_not_found' });
  });

  it('GET /inspect/tasks/:id → 404', async () => {
    expect((await bob.get(`/inspect/tasks/${task.id}`)).status).toBe(404);
  });

  it.each([
    `?q=${marker}`,
    `?tags=${marker}`,
    '?limit=100',
    '?status=pending,in_progress,completed&limit=100',
  ])('list %s → A’s task absent', async (query) => {
    const page = (await bob.get(`/tasks${query}`)).body as { items: Task[] };
    expect(page.items.map((t) => t.id)).not.toContain(task.id);
  });

  it('audit → none of A’s events', async () => {
    const page = (await bob.get('/audit?limit=200')).body as { items: { task_id: string }[] };
    expect(page.items.filter((entry) => entry.task_id === task.id)).toEqual([]);
  });
});

describe('chat', () => {
  it('A’s conversation → 404', async () => {
    const response = await bob.post('/chat', {
      message: 'show my tasks',
      conversation_id: conversationId,
    });
    expect(response).toMatchObject({ status: 404, body: { code: 'conversation_not_found' } });
  });

  it('“mark A’s task done” in B’s own conversation writes nothing', async () => {
    const response = await bob.post('/chat', { message: `mark secret ${marker} plan done` });
    expect(
      (response.body as { tool_calls: { name: string; ok: boolean }[] }).tool_calls.filter(
        (call) => call.ok && call.name !== 'list_tasks',
      ),
    ).toEqual([]);
    expect((await alice.get(`/tasks/${task.id}`)).body).toMatchObject({
      status: 'pending',
      version: 1,
    });
  });
});

describe('MCP', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ name: 'authorization-test', version: '1.0.0' });
    const token = await signAccessToken(stack.secrets['jwt-secret'], bobId);
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${stack.gatewayUrl}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
  });
  afterAll(() => client.close());

  it.each([
    ['get_task', {}],
    ['update_task', { title: 'mine now' }],
    ['complete_task', {}],
    ['delete_task', {}],
  ] as const)('%s → tool error task_not_found', async (name, extra) => {
    const result = (await client.callTool({ name, arguments: { task_id: task.id, ...extra } })) as {
      isError?: boolean;
      content: { text: string }[];
    };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain('task_not_found');
  });

  it('list_tasks with A’s words → A’s task absent', async () => {
    const result = (await client.callTool({
      name: 'list_tasks',
      arguments: { q: marker },
    })) as unknown as { structuredContent: { tasks: Task[] } };
    expect(result.structuredContent.tasks).toEqual([]);
  });
});

describe('Socket.IO', () => {
  it('B’s socket receives none of A’s events', async () => {
    const received: EventEnvelope[] = [];
    const socket = io(`http://127.0.0.1:${stack.apps['todo-realtime-1'].appPort}`, {
      auth: { token: await signAccessToken(stack.secrets['jwt-secret'], bobId) },
      transports: ['websocket'],
      reconnection: false,
    });
    socket.on('task:events', (events) => received.push(...events));
    await new Promise((resolveReady) => socket.once('session:ready', resolveReady));
    await alice.call('PATCH', `/tasks/${task.id}`, { priority: 'high' });
    const own = (await bob.post('/tasks', { title: 'bob’s own' })).body as unknown as Task;
    await eventually('B’s own event', async () =>
      received.find((event) => event.task_id === own.id),
    );
    expect(received.filter((event) => event.user_id !== bobId)).toEqual([]);
    socket.disconnect();
  });
});
