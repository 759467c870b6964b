import type { SnoozeInput } from '../../schemas/snooze.ts';
import type { TaskListQuery, TaskPage } from '../../schemas/task-query.ts';
import type { CreateTaskInput, SeriesScope, Task, UpdateTaskInput } from '../../schemas/task.ts';
import { ApiError, type FieldProblem } from '../errors.ts';
import type { Profile } from '../../schemas/user.ts';
import type { ProfileService } from './profile-service.ts';
import type { TaskService } from './task-service.ts';

/**
 * The TaskService (and the profile's time zone) over the REST API, for processes outside the
 * cluster (the MCP stdio entry a desktop client starts). The user is the token's; `userId`
 * arguments are not sent.
 */
export class RemoteTaskService implements TaskService, ProfileService {
  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
  ) {}

  create(_userId: string, input: CreateTaskInput): Promise<Task> {
    return this.request('POST', '/tasks', input);
  }

  get(_userId: string, taskId: string): Promise<Task> {
    return this.request('GET', `/tasks/${encodeURIComponent(taskId)}`);
  }

  update(
    _userId: string,
    taskId: string,
    patch: UpdateTaskInput,
    expectedVersion?: number,
    scope?: SeriesScope,
  ): Promise<Task> {
    return this.request(
      'PATCH',
      `/tasks/${encodeURIComponent(taskId)}${scopeQuery(scope)}`,
      patch,
      expectedVersion,
    );
  }

  complete(_userId: string, taskId: string, expectedVersion?: number): Promise<Task> {
    return this.request(
      'POST',
      `/tasks/${encodeURIComponent(taskId)}/complete`,
      undefined,
      expectedVersion,
    );
  }

  reopen(_userId: string, taskId: string, expectedVersion?: number): Promise<Task> {
    return this.request(
      'POST',
      `/tasks/${encodeURIComponent(taskId)}/reopen`,
      undefined,
      expectedVersion,
    );
  }

  async remove(
    userId: string,
    taskId: string,
    expectedVersion?: number,
    scope?: SeriesScope,
  ): Promise<Task> {
    const task = await this.get(userId, taskId);
    await this.request(
      'DELETE',
      `/tasks/${encodeURIComponent(taskId)}${scopeQuery(scope)}`,
      undefined,
      expectedVersion,
    );
    return task;
  }

  skip(_userId: string, taskId: string, expectedVersion?: number): Promise<Task> {
    return this.request(
      'POST',
      `/tasks/${encodeURIComponent(taskId)}/skip`,
      undefined,
      expectedVersion,
    );
  }

  list(_userId: string, query: TaskListQuery): Promise<TaskPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    return this.request('GET', `/tasks?${params.toString()}`);
  }

  snoozeReminder(
    _userId: string,
    taskId: string,
    reminderId: string,
    snooze: SnoozeInput,
  ): Promise<Task> {
    return this.request(
      'POST',
      `/tasks/${encodeURIComponent(taskId)}/reminders/${encodeURIComponent(reminderId)}/snooze`,
      snooze,
    );
  }

  setTimeZone(_userId: string, timeZone: string): Promise<Profile> {
    return this.request('PATCH', '/me', { time_zone: timeZone });
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    expectedVersion?: number,
  ): Promise<T> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(expectedVersion === undefined ? {} : { 'if-match': `"${expectedVersion}"` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    if (!response.ok) {
      throw new ApiError(
        { relayed: { status: response.status, code: String(json?.code ?? 'request_failed') } },
        String(json?.detail ?? response.statusText),
        json?.errors as FieldProblem[] | undefined,
      );
    }
    return json as T;
  }
}

const scopeQuery = (scope: SeriesScope | undefined) => (scope ? `?scope=${scope}` : '');
