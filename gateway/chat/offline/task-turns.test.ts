import { describe, expect, it } from 'vitest';
import type { Task } from '../../../schemas/task.ts';
import type { ChatContext, ExecutedToolCall } from '../engine.ts';
import { confirmFirst, dueIn, outcomeText, shift, target } from './task-turns.ts';

const task = (id: string, title: string, extra: Partial<Task> = {}) =>
  ({ id, title, status: 'pending', tags: [], due_at: null, reminders: [], ...extra }) as Task;
const tasks = [task('1', 'Call mom'), task('2', 'Call dad'), task('3', 'Buy milk')];
const context = (focus: string[] = []): ChatContext => ({
  message: '',
  history: [],
  state: { focus },
  timeZone: 'Europe/Berlin',
  now: new Date('2026-11-26T10:00:00Z'),
  findTasks: async () => tasks,
  getTask: async (id) => tasks.find((t) => t.id === id),
  runTool: async () => {
    throw new Error('not in these tests');
  },
});

describe('the steps the offline handlers share', () => {
  it('moves an instant on the wall clock, across a DST change', () => {
    // 2026-03-28 09:00 CET + 1 day = 2026-03-29 09:00 CEST.
    expect(shift('2026-03-28T08:00:00.000Z', { days: 1 }, 'Europe/Berlin')).toBe(
      '2026-03-29T07:00:00.000Z',
    );
    expect(dueIn('2026-11-26T10:00:00Z', { due_from: '2026-11-26', due_to: '2026-11-27' })).toBe(
      true,
    );
  });

  it('finds the task a reference means, or asks', async () => {
    expect(await target('the milk task', context(), async () => tasks)).toMatchObject({ id: '3' });
    expect(await target('it', context(['2']), async () => tasks)).toMatchObject({ id: '2' });
    expect(await target('it', context(), async () => tasks)).toMatchObject({
      reply: 'Which task do you mean? Tell me part of its title.',
    });
    expect(await target('call', context(), async () => tasks)).toMatchObject({
      reply: expect.stringMatching(/^Which one do you mean: .*Call mom.*Call dad/),
    });
  });

  it('holds a change to several tasks until a yes', () => {
    const turn = confirmFirst(context(), 'delete_task', 'Delete', tasks.slice(0, 2), (t) => ({
      task_id: t.id,
    }));
    expect(turn.reply).toBe('Delete 2 tasks: “Call mom”, “Call dad”? Say yes to confirm.');
    expect(turn.state.pending?.calls).toEqual([{ task_id: '1' }, { task_id: '2' }]);
  });

  it('says what a write did on the user’s clock', () => {
    const call: ExecutedToolCall = {
      name: 'update_task',
      arguments: { task_id: '3', status: 'in_progress' },
      ok: true,
      summary: '',
      tasks: [task('3', 'Buy milk', { due_at: '2026-11-27T08:00:00Z' })],
    };
    expect(outcomeText(call, context())).toBe(
      'Updated “Buy milk” — tomorrow at 09:00, in progress',
    );
  });
});
