import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, inject, it } from 'vitest';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import { apiAs, problemPaths } from '../support/api.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Issue 11: a recurrence rule without any candidate day (30 February) made rrule walk to the
 * year 9999 on the actor host, and every other user's task calls timed out meanwhile. Now such a
 * rule is refused before any iteration, with 422 recurrence_never_occurs naming the field, while
 * another user's calls at the same moment succeed, and nothing is written for the refused one.
 */
const db = testDatabase();
const dueAt = '2027-01-04T09:00:00.000Z';
const neverRules = [
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-31',
];

const auditRows = async (column: 'user_id' | 'task_id', value: string) =>
  (
    await db.query<{ event_type: string; version: number }>(
      `select event_type, version from audit_log where ${column} = $1 order by id`,
      [value],
    )
  ).rows;

/** Waits until B's task is in the audit log: the pipeline has carried what came before it. */
const audited = (taskId: string) =>
  eventually(`the audit row of ${taskId}`, async () =>
    (await auditRows('task_id', taskId)).length > 0 ? true : undefined,
  );

function expectNeverOccurs(answer: { status: number; problem: boolean; body?: unknown }) {
  expect(answer.status).toBe(422);
  expect(answer.problem).toBe(true);
  expect(answer.body).toMatchObject({
    code: 'recurrence_never_occurs',
    type: 'urn:todo-chatbot:problem:recurrence_never_occurs',
  });
  expect(problemPaths(answer.body as Record<string, unknown>)).toEqual(['recurrence.rrule']);
}

describe('a recurrence rule that never occurs', () => {
  it.each(neverRules)('POST with %s: 422 for A, while B creates and reads', async (rrule) => {
    const userA = `never-a-${randomUUID()}`;
    const a = await apiAs(userA);
    const b = await apiAs(`never-b-${randomUUID()}`);
    const [refused, created] = await Promise.all([
      a.post('/tasks', { title: 'never', due_at: dueAt, recurrence: { rrule } }),
      b.post('/tasks', { title: 'ordinary', due_at: dueAt }),
    ]);
    expectNeverOccurs(refused);
    expect(created.status).toBe(201);
    const read = await b.get(`/tasks/${String(created.body!.id)}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ title: 'ordinary', version: 1 });

    await audited(String(created.body!.id));
    expect(await auditRows('user_id', userA)).toEqual([]);
    expect((await a.get('/tasks')).body).toMatchObject({ items: [] });
  });

  it('PATCH: 422 for A with the task unchanged, while B creates and reads', async () => {
    const a = await apiAs(`never-a-${randomUUID()}`);
    const b = await apiAs(`never-b-${randomUUID()}`);
    const task = await a.post('/tasks', { title: 'weekly review', due_at: dueAt });
    expect(task.status).toBe(201);
    const id = String(task.body!.id);

    const [refused, created] = await Promise.all([
      a.call('PATCH', `/tasks/${id}`, {
        title: 'renamed',
        recurrence: { rrule: neverRules[0] },
      }),
      b.post('/tasks', { title: 'ordinary', due_at: dueAt }),
    ]);
    expectNeverOccurs(refused);
    expect(created.status).toBe(201);
    expect((await b.get(`/tasks/${String(created.body!.id)}`)).status).toBe(200);

    const after = await a.get(`/tasks/${id}`);
    expect(after.body).toMatchObject({ title: 'weekly review', version: 1, recurrence: null });
    await audited(String(created.body!.id));
    expect((await auditRows('task_id', id)).map((row) => row.version)).toEqual([1]);
  });

  it('MCP set_recurrence: a tool error with the code and the field', async () => {
    const stack = inject('stack');
    const userId = `never-mcp-${randomUUID()}`;
    const a = await apiAs(userId);
    const task = await a.post('/tasks', { title: 'via mcp', due_at: dueAt });
    const client = new Client({ name: 'bounded-recurrence-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${stack.gatewayUrl}/mcp`), {
        requestInit: {
          headers: {
            authorization: `Bearer ${await signAccessToken(stack.secrets['jwt-secret'], userId)}`,
          },
        },
      }),
    );
    try {
      const result = (await client.callTool({
        name: 'set_recurrence',
        arguments: { task_id: task.body!.id, recurrence: { rrule: neverRules[1] } },
      })) as { isError?: boolean; content: { type: string; text: string }[] };
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toMatch(/^recurrence_never_occurs: .*\(recurrence\.rrule: /);
    } finally {
      await client.close();
    }
    expect((await a.get(`/tasks/${String(task.body!.id)}`)).body).toMatchObject({
      version: 1,
      recurrence: null,
    });
  });

  it('a sparse rule that does occur is still accepted', async () => {
    const a = await apiAs(`never-ok-${randomUUID()}`);
    const created = await a.post('/tasks', {
      title: 'leap day',
      due_at: dueAt,
      recurrence: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      recurrence: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29' },
    });
  });
});
