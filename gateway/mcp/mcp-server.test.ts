import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toolNames } from '../../schemas/tools.ts';
import type { Profile } from '../../schemas/user.ts';
import { taskSnapshot } from '../../tests/support/fixtures.ts';
import { problem } from '../errors.ts';
import type { TaskService } from '../services/task-service.ts';
import { taskTools, type ToolServices } from '../tools/task-tools.ts';
import { createTaskMcpServer } from './mcp-server.ts';

const TASK_ID = 'a6f0e1c2-0000-4000-8000-000000000001';
const task = taskSnapshot({ id: TASK_ID, user_id: 'u1', title: 'Water the plants' });

/** Who asked the services for what. */
const asked: string[] = [];
const unused = () => Promise.reject(new Error('not used here'));
const tasks: TaskService = {
  get: async (userId, taskId) => {
    asked.push(`get ${userId} ${taskId}`);
    return task;
  },
  complete: async (userId, taskId) => {
    asked.push(`complete ${userId} ${taskId}`);
    throw problem.version_conflict('the task changed meanwhile', [
      { path: 'expected_version', message: 'is 3' },
    ]);
  },
  reopen: async () => {
    throw new Error('connect ECONNREFUSED postgres://app:hunter2@db');
  },
  create: unused,
  update: unused,
  remove: unused,
  skip: unused,
  list: unused,
  snoozeReminder: unused,
};
const services: ToolServices = {
  tasks,
  profiles: {
    setTimeZone: async (userId, timeZone) => {
      asked.push(`time zone ${userId} ${timeZone}`);
      return { time_zone: timeZone } as Profile;
    },
  },
};

let client: Client;
beforeEach(async () => {
  asked.length = 0;
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createTaskMcpServer(services, 'u1').connect(serverSide);
  client = new Client({ name: 'unit-test', version: '1.0.0' });
  await client.connect(clientSide);
});
afterEach(() => client.close());

const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: { type: string; text: string }[];
    structuredContent?: Record<string, unknown>;
  };

describe('the MCP server', () => {
  it('offers every tool, marking which change tasks and which only read', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...toolNames].sort());
    for (const tool of tools) {
      const definition = taskTools[tool.name as keyof typeof taskTools];
      expect(tool.annotations, tool.name).toEqual({
        destructiveHint: definition.destructive,
        readOnlyHint: definition.readOnly,
        openWorldHint: false,
      });
    }
  });

  it("runs a tool as the server's user and answers the tasks as text and as structure", async () => {
    const result = await call('get_task', { task_id: TASK_ID });
    expect(result.isError).toBeUndefined();
    expect(asked).toEqual([`get u1 ${TASK_ID}`]);
    expect(result.structuredContent).toEqual({
      summary: 'Task: “Water the plants”',
      tasks: [task],
    });
    expect(result.content[0]?.text.split('\n')[0]).toBe('Task: “Water the plants”');
    const zone = await call('set_time_zone', { time_zone: 'Europe/Berlin' });
    expect(zone.structuredContent).toEqual({
      summary: 'Time zone set to Europe/Berlin',
      tasks: [],
      time_zone: 'Europe/Berlin',
    });
  });

  it('answers a refused command as a tool error naming its code and fields', async () => {
    const result = await call('complete_task', { task_id: TASK_ID });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toBe(
      'version_conflict: the task changed meanwhile (expected_version: is 3)',
    );
  });

  it('answers a failure of ours without its details', async () => {
    const result = await call('reopen_task', { task_id: TASK_ID });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toBe('internal_error: the tool failed, try again');
  });

  it('refuses arguments outside the tool’s schema before any service is asked', async () => {
    const result = await call('get_task', { task_id: TASK_ID, extra: 1 });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain('Unrecognized key: "extra"');
    expect(asked).toEqual([]);
  });
});
