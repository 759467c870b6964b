import { describe, expect, it } from 'vitest';
import { createTaskInputSchema } from '../../schemas/task.ts';
import { apply } from './apply.ts';
import { decide } from './decide.ts';

const now = '2026-11-26T10:00:00.000Z';
const input = createTaskInputSchema.parse({
  title: '  Buy milk  ',
  tags: ['home', 'Home', ' errands '],
});
const create = {
  type: 'create',
  taskId: '0b6f7a4e-3f0a-4c55-9a8e-2d7a4f1c9e11',
  userId: 'u1',
  input,
} as const;

describe('decide create', () => {
  it('creates a pending task at version 1 with normalized input', () => {
    const decision = decide(undefined, create, { now });
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.events).toHaveLength(1);
    const [event] = decision.events;
    expect(event).toMatchObject({
      type: 'task.created',
      data: {
        task: {
          id: create.taskId,
          user_id: 'u1',
          title: 'Buy milk',
          status: 'pending',
          priority: 'medium',
          tags: ['home', 'errands'],
          created_at: now,
          updated_at: now,
          completed_at: null,
          version: 1,
        },
      },
    });
  });

  it('refuses to create a task twice and emits nothing', () => {
    const first = decide(undefined, create, { now });
    if (!first.ok) throw new Error('expected success');
    const state = apply(undefined, first.events[0]!);
    const second = decide(state, create, { now });
    expect(second).toEqual({ ok: false, error: expect.objectContaining({ code: 'task_exists' }) });
  });
});

describe('apply', () => {
  it('rebuilds the state from task.created', () => {
    const decision = decide(undefined, create, { now });
    if (!decision.ok) throw new Error('expected success');
    expect(apply(undefined, decision.events[0]!)).toEqual(decision.events[0]!.data.task);
  });
});
