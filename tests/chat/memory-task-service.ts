import { randomUUID } from 'node:crypto';
import { apply } from '../../actors/task/apply.ts';
import { decide, type TaskCommand } from '../../actors/task/decide.ts';
import type { TaskState } from '../../actors/task/task-state.ts';
import { ApiError, problem } from '../../gateway/errors.ts';
import type { TaskService } from '../../gateway/services/task-service.ts';
import type { SnoozeInput } from '../../schemas/snooze.ts';
import type { TaskListQuery, TaskPage } from '../../schemas/task-query.ts';
import {
  isClosed,
  type CreateTaskInput,
  type SeriesScope,
  type Task,
  type UpdateTaskInput,
} from '../../schemas/task.ts';

/**
 * The TaskService on the real domain rules (decide/apply), kept in memory: lets the chat corpus
 * run as a pure evaluation of the engine, without a stack.
 */
export class MemoryTaskService implements TaskService {
  readonly states = new Map<string, TaskState>();
  constructor(
    private readonly timeZone: string,
    private readonly now: () => Date,
  ) {}

  private execute(taskId: string, command: TaskCommand): Task {
    const state = this.states.get(taskId);
    const decision = decide(state, command, { now: this.now().toISOString() });
    if (!decision.ok)
      throw new ApiError(
        decision.error.code === 'invalid_call' ? 'internal_error' : decision.error.code,
        decision.error.message,
        decision.error.fields,
      );
    const next = decision.events.reduce<TaskState | undefined>(
      (s, event) => apply(s, event),
      state,
    );
    if (!next) throw problem.task_not_found('task not found');
    this.states.set(taskId, next);
    return next.task;
  }

  async create(userId: string, input: CreateTaskInput): Promise<Task> {
    const id = randomUUID();
    return this.execute(id, {
      type: 'create',
      taskId: id,
      userId,
      input,
      timeZone: input.time_zone ?? this.timeZone,
    });
  }
  async get(userId: string, taskId: string): Promise<Task> {
    const state = this.states.get(taskId);
    if (!state || state.deleted_at || state.task.user_id !== userId)
      throw problem.task_not_found('task not found');
    return state.task;
  }
  async update(
    userId: string,
    taskId: string,
    patch: UpdateTaskInput,
    expectedVersion?: number,
    scope?: SeriesScope,
  ): Promise<Task> {
    return this.execute(taskId, { type: 'update', userId, patch, expectedVersion, scope });
  }
  async complete(userId: string, taskId: string): Promise<Task> {
    return this.execute(taskId, { type: 'complete', userId });
  }
  async reopen(userId: string, taskId: string): Promise<Task> {
    return this.execute(taskId, { type: 'reopen', userId });
  }
  async remove(
    userId: string,
    taskId: string,
    expectedVersion?: number,
    scope?: SeriesScope,
  ): Promise<Task> {
    return this.execute(taskId, { type: 'delete', userId, expectedVersion, scope });
  }
  async skip(userId: string, taskId: string): Promise<Task> {
    return this.execute(taskId, { type: 'skip', userId });
  }
  async snoozeReminder(
    userId: string,
    taskId: string,
    reminderId: string,
    snooze: SnoozeInput,
  ): Promise<Task> {
    return this.execute(taskId, { type: 'snooze_reminder', userId, reminderId, snooze });
  }
  async list(userId: string, query: TaskListQuery): Promise<TaskPage> {
    const now = this.now().toISOString();
    const items = [...this.states.values()]
      .filter((state) => !state.deleted_at && state.task.user_id === userId)
      .map((state) => state.task)
      .filter((task) => !query.status || query.status.includes(task.status))
      .filter((task) => !query.priority || query.priority.includes(task.priority))
      .filter(
        (task) =>
          !query.q ||
          `${task.title} ${task.description}`.toLowerCase().includes(query.q.toLowerCase()),
      )
      .filter(
        (task) =>
          !query.overdue || (task.due_at !== null && task.due_at < now && !isClosed(task.status)),
      )
      .slice(0, query.limit);
    return { items, next_cursor: null };
  }
}
