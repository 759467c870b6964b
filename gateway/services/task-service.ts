import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { SnoozeInput } from '../../schemas/snooze.ts';
import type { TaskCountsQuery, TaskListQuery, TaskPage } from '../../schemas/task-query.ts';
import type { TaskOccurrences } from '../../schemas/task-actor.ts';
import type { TaskCounts } from '../../schemas/task-views.ts';
import type { CreateTaskInput, SeriesScope, Task, UpdateTaskInput } from '../../schemas/task.ts';
import { ActorClient } from '../actor-client.ts';
import { countTaskViews, searchTasks } from '../queries/task-search.ts';
import type { TaskActorClient } from '../task-actor-client.ts';

/**
 * What a user can do with their tasks, once: the REST routes, the chat agent and the MCP server
 * all go through this. Commands go to the TaskActor; lists and searches read the projection.
 */
export interface TaskService {
  create(userId: string, input: CreateTaskInput): Promise<Task>;
  get(userId: string, taskId: string): Promise<Task>;
  update(
    userId: string,
    taskId: string,
    patch: UpdateTaskInput,
    expectedVersion?: number,
    /** For a task of a series: series (the default) or this occurrence only. */
    scope?: SeriesScope,
  ): Promise<Task>;
  complete(userId: string, taskId: string, expectedVersion?: number): Promise<Task>;
  reopen(userId: string, taskId: string, expectedVersion?: number): Promise<Task>;
  /** For a task of a series: this occurrence only (the default), or the series from here on. */
  remove(
    userId: string,
    taskId: string,
    expectedVersion?: number,
    scope?: SeriesScope,
  ): Promise<Task>;
  /** Closes an occurrence of a series as skipped; the series moves on. */
  skip(userId: string, taskId: string, expectedVersion?: number): Promise<Task>;
  list(userId: string, query: TaskListQuery): Promise<TaskPage>;
  /** A reminder fires (again) once later; see actors/task/snooze.ts. */
  snoozeReminder(
    userId: string,
    taskId: string,
    reminderId: string,
    snooze: SnoozeInput,
  ): Promise<Task>;
}

export class ActorTaskService implements TaskService {
  constructor(
    private readonly actors: TaskActorClient,
    private readonly db: Db,
  ) {}

  create(userId: string, input: CreateTaskInput): Promise<Task> {
    return this.actors.call(randomUUID(), 'create', { caller: ActorClient.caller(userId), input });
  }

  get(userId: string, taskId: string): Promise<Task> {
    return this.actors.call(taskId, 'get', { caller: ActorClient.caller(userId) });
  }

  update(
    userId: string,
    taskId: string,
    patch: UpdateTaskInput,
    expectedVersion?: number,
    scope?: SeriesScope,
  ): Promise<Task> {
    return this.actors.call(taskId, 'update', {
      caller: ActorClient.caller(userId),
      patch,
      expected_version: expectedVersion,
      scope,
    });
  }

  complete(userId: string, taskId: string, expectedVersion?: number): Promise<Task> {
    return this.actors.call(taskId, 'complete', {
      caller: ActorClient.caller(userId),
      expected_version: expectedVersion,
    });
  }

  reopen(userId: string, taskId: string, expectedVersion?: number): Promise<Task> {
    return this.actors.call(taskId, 'reopen', {
      caller: ActorClient.caller(userId),
      expected_version: expectedVersion,
    });
  }

  remove(
    userId: string,
    taskId: string,
    expectedVersion?: number,
    scope?: SeriesScope,
  ): Promise<Task> {
    return this.actors.call(taskId, 'delete', {
      caller: ActorClient.caller(userId),
      expected_version: expectedVersion,
      scope,
    });
  }

  skip(userId: string, taskId: string, expectedVersion?: number): Promise<Task> {
    return this.actors.call(taskId, 'skip', {
      caller: ActorClient.caller(userId),
      expected_version: expectedVersion,
    });
  }

  list(userId: string, query: TaskListQuery): Promise<TaskPage> {
    return searchTasks(this.db, userId, query);
  }

  /** For the web page's views: how many tasks each holds. */
  countViews(userId: string, query: TaskCountsQuery, timeZone: string): Promise<TaskCounts> {
    return countTaskViews(this.db, userId, query, timeZone);
  }

  /** The next occurrences of a task's series, computed by its actor. */
  occurrences(userId: string, taskId: string, count: number): Promise<TaskOccurrences> {
    return this.actors.occurrences(taskId, { caller: ActorClient.caller(userId), count });
  }

  /**
   * `firing`, for a mailed link only: the `fired_at` the link was signed for, so it cannot snooze
   * a later firing.
   */
  snoozeReminder(
    userId: string,
    taskId: string,
    reminderId: string,
    snooze: SnoozeInput,
    firing?: string,
  ): Promise<Task> {
    return this.actors.call(taskId, 'snoozeReminder', {
      caller: ActorClient.caller(userId),
      reminder_id: reminderId,
      snooze,
      firing,
    });
  }
}
