import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../schemas/chat.ts';
import type { Task } from '../../schemas/task.ts';
import { apiAs } from '../support/api.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';

const db = testDatabase();

async function chatter() {
  const api = await apiAs(`chat-${randomUUID()}`);
  await api.call('PATCH', '/me', { time_zone: 'Europe/Berlin' });
  let conversation: string | undefined;
  return {
    api,
    say: async (message: string) => {
      const response = await api.post('/chat', {
        message,
        ...(conversation ? { conversation_id: conversation } : {}),
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const body = response.body as unknown as ChatResponse;
      conversation = body.conversation_id;
      return body;
    },
  };
}

/** Waits until the read model lists `count` tasks for the query (people type slower than Kafka). */
async function projected(
  api: Awaited<ReturnType<typeof apiAs>>,
  query: string,
  count: number,
): Promise<void> {
  await eventually('the projection', async () =>
    ((await api.get(`/tasks${query}`)).body as { items: Task[] }).items.length >= count
      ? true
      : undefined,
  );
}

describe('the chat agent (offline engine) on the real stack', () => {
  it('adds a task from a sentence, then understands “it” from the conversation', async () => {
    const { api, say } = await chatter();
    const added = await say('add buy milk tomorrow at 5pm #home');
    expect(added.engine).toBe('offline');
    expect(added.tool_calls).toEqual([expect.objectContaining({ name: 'add_task', ok: true })]);
    const task = added.tasks[0]!;
    expect(task).toMatchObject({ title: 'Buy milk', tags: ['home'], time_zone: 'Europe/Berlin' });
    expect(
      new Date(task.due_at!).toLocaleString('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
      }),
    ).toBe('17:00');

    const priority = await say('make it high priority');
    expect(priority.tool_calls).toEqual([
      expect.objectContaining({ name: 'update_task', ok: true }),
    ]);
    expect((await api.get(`/tasks/${task.id}`)).body).toMatchObject({
      priority: 'high',
      version: 2,
    });

    const done = await say('mark the milk task done');
    expect(done.tasks[0]).toMatchObject({ id: task.id, status: 'completed' });

    const { rows } = await db.query(
      'select role, content from chat_messages where conversation_id = $1 order by id',
      [added.conversation_id],
    );
    expect(rows.map((row: { role: string }) => row.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  it('asks instead of guessing, and confirms before deleting several tasks', async () => {
    const { api, say } = await chatter();
    for (const title of ['Call mom', 'Call dad']) await api.post('/tasks', { title });
    await projected(api, '', 2);
    const ambiguous = await say('mark call done');
    expect(ambiguous.tool_calls).toEqual([]);
    expect(ambiguous.reply).toMatch(/Which one.*Call mom.*Call dad|Which one.*Call dad.*Call mom/);

    const first = (await api.post('/tasks', { title: 'Old chore' })).body as unknown as Task;
    await api.post(`/tasks/${first.id}/complete`);
    // The list of completed tasks comes from the read model: wait until it has the task.
    await projected(api, '?status=completed', 1);
    const question = await say('delete all completed tasks');
    expect(question.awaiting_confirmation).toBe(true);
    expect(question.tool_calls).toEqual([]);
    expect((await api.get(`/tasks/${first.id}`)).status).toBe(200);
    const confirmed = await say('yes');
    expect(confirmed.tool_calls.map((call) => call.name)).toEqual(['delete_task']);
    expect((await api.get(`/tasks/${first.id}`)).status).toBe(404);
  });

  it('changes the profile’s time zone, and reads the next message on that clock', async () => {
    const { api, say } = await chatter();
    const moved = await say("I'm in Tokyo this week");
    expect(moved.tool_calls).toEqual([
      expect.objectContaining({ name: 'set_time_zone', arguments: { time_zone: 'Asia/Tokyo' } }),
    ]);
    expect(moved.reply).toMatch(/^Your time zone is now Asia\/Tokyo: it’s \d{2}:\d{2} on /);
    expect((await api.get('/me')).body).toMatchObject({ time_zone: 'Asia/Tokyo' });
    const added = await say('add call the office tomorrow at 9');
    expect(added.tasks[0]).toMatchObject({ time_zone: 'Asia/Tokyo' });
    expect(
      new Date(added.tasks[0]!.due_at!).toLocaleString('en-GB', {
        timeZone: 'Asia/Tokyo',
        hour: '2-digit',
        minute: '2-digit',
      }),
    ).toBe('09:00');
  });

  it('keeps conversations private and validates the message', async () => {
    const { say } = await chatter();
    const mine = await say('show my tasks');
    const stranger = await apiAs(`chat-${randomUUID()}`);
    const attempt = await stranger.post('/chat', {
      message: 'show my tasks',
      conversation_id: mine.conversation_id,
    });
    expect(attempt.status).toBe(404);
    expect(attempt.body).toMatchObject({ code: 'conversation_not_found' });
    expect((await stranger.post('/chat', { message: '' })).status).toBe(400);
  });
});
