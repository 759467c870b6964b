import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import type { Task } from '../../schemas/task.ts';
import { repoRoot } from '../../stack/paths.ts';

const stack = inject('stack');
type ToolResult = {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: { tasks: Task[]; summary: string };
};

async function clientFor(userId: string): Promise<Client> {
  const token = await signAccessToken(stack.secrets['jwt-secret'], userId);
  const client = new Client({ name: 'integration-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${stack.gatewayUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as ToolResult;

describe('the MCP endpoint, with the SDK’s own client', () => {
  let client: Client;
  beforeAll(async () => {
    client = await clientFor(`mcp-${randomUUID()}`);
  });
  afterAll(() => client.close());

  it('lists the task tools and the time-zone tool with their input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        'add_task',
        'complete_task',
        'delete_task',
        'get_task',
        'list_tasks',
        'reopen_task',
        'set_recurrence',
        'set_reminder',
        'skip_task',
        'snooze_reminder',
        'set_time_zone',
        'update_task',
      ].sort(),
    );
    const add = tools.find((tool) => tool.name === 'add_task')!;
    expect(add.inputSchema.properties).toHaveProperty('title');
    expect(tools.find((tool) => tool.name === 'delete_task')!.annotations?.destructiveHint).toBe(
      true,
    );
    expect(tools.find((tool) => tool.name === 'set_time_zone')!.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
  });

  it('calls every tool', async () => {
    const added = await call(client, 'add_task', {
      title: 'Plan the offsite',
      priority: 'high',
      tags: ['work'],
      due_at: '2027-03-01T09:00:00Z',
    });
    expect(added.isError).toBeFalsy();
    const task = added.structuredContent!.tasks[0]!;
    expect(task).toMatchObject({ title: 'Plan the offsite', priority: 'high' });

    expect(
      (await call(client, 'get_task', { task_id: task.id })).structuredContent!.tasks[0]!.id,
    ).toBe(task.id);
    expect(
      (await call(client, 'update_task', { task_id: task.id, title: 'Plan the spring offsite' }))
        .structuredContent!.tasks[0],
    ).toMatchObject({ title: 'Plan the spring offsite', version: 2 });
    expect(
      (await call(client, 'set_reminder', { task_id: task.id, reminder_offset: 'P1D' }))
        .structuredContent!.tasks[0]!.reminders,
    ).toHaveLength(1);
    const snoozed = await call(client, 'snooze_reminder', {
      task_id: task.id,
      reminder_id: 'offset:-P1D',
      for: 'PT2H',
    });
    expect(snoozed.isError).toBeFalsy();
    expect(snoozed.structuredContent!.tasks[0]!.reminders[0]).toMatchObject({
      id: 'offset:-P1D',
      snoozed_until: expect.any(String),
    });
    expect(
      (
        await call(client, 'set_recurrence', {
          task_id: task.id,
          recurrence: { frequency: 'monthly', day_of_month: 1 },
        })
      ).structuredContent!.tasks[0]!.recurrence?.rrule,
    ).toContain('FREQ=MONTHLY');
    expect(
      (await call(client, 'complete_task', { task_id: task.id })).structuredContent!.tasks[0]!
        .status,
    ).toBe('completed');
    expect(
      (await call(client, 'reopen_task', { task_id: task.id })).structuredContent!.tasks[0]!.status,
    ).toBe('pending');

    const listed = await (async () => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const result = await call(client, 'list_tasks', { q: 'offsite' });
        if (result.structuredContent!.tasks.some((t) => t.id === task.id && t.version >= 6))
          return result;
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      }
      throw new Error('the projection never showed the task');
    })();
    expect(listed.structuredContent!.summary).toMatch(/task/);

    const zone = await call(client, 'set_time_zone', { time_zone: 'asia/calcutta' });
    expect(zone.isError).toBeFalsy();
    expect(zone.structuredContent).toMatchObject({
      summary: 'Time zone set to Asia/Kolkata',
      time_zone: 'Asia/Kolkata',
    });
    const unknown = await call(client, 'set_time_zone', { time_zone: 'Mars/Olympus' });
    expect(unknown.isError).toBe(true);

    expect((await call(client, 'delete_task', { task_id: task.id })).isError).toBeFalsy();
    const gone = await call(client, 'get_task', { task_id: task.id });
    expect(gone.isError).toBe(true);
    expect(gone.content[0]!.text).toContain('task_not_found');
  });

  it('answers invalid input with a tool error naming the field', async () => {
    const result = await call(client, 'add_task', { title: '', priority: 'asap' });
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/title/);
    expect(result.content[0]!.text).toMatch(/priority/);
    const badId = await call(client, 'complete_task', { task_id: 'not-a-uuid' });
    expect(badId.isError).toBe(true);
  });

  it('is scoped to the token’s user', async () => {
    const task = (await call(client, 'add_task', { title: 'mine' })).structuredContent!.tasks[0]!;
    const other = await clientFor(`mcp-${randomUUID()}`);
    const attempt = await call(other, 'complete_task', { task_id: task.id });
    expect(attempt.isError).toBe(true);
    expect(attempt.content[0]!.text).toContain('task_not_found');
    await other.close();
  });

  it('refuses a request without a token', async () => {
    const response = await fetch(`${stack.gatewayUrl}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });
});

describe('the MCP stdio entry', () => {
  it('offers the same tools over stdio, through the REST API', async () => {
    const token = await signAccessToken(stack.secrets['jwt-secret'], `stdio-${randomUUID()}`);
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['--import', 'tsx', join(repoRoot, 'gateway', 'mcp', 'stdio.ts')],
        cwd: repoRoot,
        env: {
          ...(process.env as Record<string, string>),
          TODO_API_URL: `${stack.gatewayUrl}/api/v1`,
          TODO_TOKEN: token,
        },
        stderr: 'pipe',
      }),
    );
    try {
      expect((await client.listTools()).tools).toHaveLength(12);
      const added = (await client.callTool({
        name: 'add_task',
        arguments: { title: 'from a desktop client' },
      })) as ToolResult;
      expect(added.structuredContent!.tasks[0]).toMatchObject({ title: 'from a desktop client' });
      const zone = (await client.callTool({
        name: 'set_time_zone',
        arguments: { time_zone: 'America/Chicago' },
      })) as ToolResult;
      expect(zone.content[0]!.text).toMatch(/^Time zone set to America\/Chicago/);
      const refused = (await client.callTool({
        name: 'snooze_reminder',
        arguments: {
          task_id: added.structuredContent!.tasks[0]!.id,
          reminder_id: 'offset:-PT1H',
          for: 'PT10M',
        },
      })) as ToolResult;
      expect(refused.isError).toBe(true);
      expect(refused.content[0]!.text).toContain('reminder_not_found');
      const invalid = (await client.callTool({
        name: 'get_task',
        arguments: { task_id: '00000000-0000-4000-8000-000000000000' },
      })) as ToolResult;
      expect(invalid.isError).toBe(true);
    } finally {
      await client.close();
    }
  });
});
