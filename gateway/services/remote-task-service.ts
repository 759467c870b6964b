import {
  createApiClient,
  type ApiClient,
  type ApiPaths,
  type ApiSchemas,
} from '../../client/api-client.ts';
import { ApiProblem } from '../../client/problem.ts';
import type { SnoozeInput } from '../../schemas/snooze.ts';
import type { TaskListQuery, TaskPage } from '../../schemas/task-query.ts';
import type { CreateTaskInput, SeriesScope, Task, UpdateTaskInput } from '../../schemas/task.ts';
import { ApiError } from '../errors.ts';
import type { Profile } from '../../schemas/user.ts';
import type { ProfileService } from './profile-service.ts';
import type { TaskService } from './task-service.ts';

/*
 * The service's arguments are the zod schemas' parsed values; the document lists what they
 * checked more narrowly (a time zone is one of the IANA names), so they go out as its types.
 */
type ListQuery = NonNullable<ApiPaths['/tasks']['get']['parameters']['query']>;
type TimeZone = NonNullable<ApiSchemas['UpdateProfileInput']['time_zone']>;

/**
 * The TaskService (and the profile's time zone) over the REST API, through the API's one client
 * (client/api-client.ts), for processes outside the cluster (the MCP stdio entry a desktop
 * client starts). The user is the token's; `userId` arguments are not sent.
 */
export class RemoteTaskService implements TaskService, ProfileService {
  private readonly api: ApiClient;

  constructor(apiUrl: string, token: string, fetch?: (request: Request) => Promise<Response>) {
    this.api = createApiClient({ baseUrl: apiUrl, token, fetch });
  }

  create(_userId: string, input: CreateTaskInput): Promise<Task> {
    return relay(this.api.POST('/tasks', { body: input as ApiSchemas['CreateTaskInput'] }));
  }

  get(_userId: string, taskId: string): Promise<Task> {
    return relay(this.api.GET('/tasks/{id}', { params: { path: { id: taskId } } }));
  }

  update(
    _userId: string,
    taskId: string,
    patch: UpdateTaskInput,
    expectedVersion?: number,
    scope?: SeriesScope,
  ): Promise<Task> {
    return relay(
      this.api.PATCH('/tasks/{id}', {
        params: { path: { id: taskId }, query: { scope }, header: ifMatch(expectedVersion) },
        body: patch as ApiSchemas['UpdateTaskInput'],
      }),
    );
  }

  complete(_userId: string, taskId: string, expectedVersion?: number): Promise<Task> {
    return relay(
      this.api.POST('/tasks/{id}/complete', {
        params: { path: { id: taskId }, header: ifMatch(expectedVersion) },
      }),
    );
  }

  reopen(_userId: string, taskId: string, expectedVersion?: number): Promise<Task> {
    return relay(
      this.api.POST('/tasks/{id}/reopen', {
        params: { path: { id: taskId }, header: ifMatch(expectedVersion) },
      }),
    );
  }

  async remove(
    userId: string,
    taskId: string,
    expectedVersion?: number,
    scope?: SeriesScope,
  ): Promise<Task> {
    const task = await this.get(userId, taskId);
    await relay(
      this.api.DELETE('/tasks/{id}', {
        params: { path: { id: taskId }, query: { scope }, header: ifMatch(expectedVersion) },
      }),
    );
    return task;
  }

  skip(_userId: string, taskId: string, expectedVersion?: number): Promise<Task> {
    return relay(
      this.api.POST('/tasks/{id}/skip', {
        params: { path: { id: taskId }, header: ifMatch(expectedVersion) },
      }),
    );
  }

  list(_userId: string, query: TaskListQuery): Promise<TaskPage> {
    // The parsed query goes back on the wire as the API reads it: lists comma-separated.
    return relay(this.api.GET('/tasks', { params: { query: query as ListQuery } }));
  }

  snoozeReminder(
    _userId: string,
    taskId: string,
    reminderId: string,
    snooze: SnoozeInput,
  ): Promise<Task> {
    return relay(
      this.api.POST('/tasks/{id}/reminders/{reminder_id}/snooze', {
        params: { path: { id: taskId, reminder_id: reminderId } },
        body: snooze,
      }),
    );
  }

  setTimeZone(_userId: string, timeZone: string): Promise<Profile> {
    return relay(this.api.PATCH('/me', { body: { time_zone: timeZone as TimeZone } }));
  }
}

const ifMatch = (version: number | undefined) =>
  version === undefined ? {} : { 'If-Match': `"${version}"` };

/**
 * The answer's data, typed as the zod schema the document was generated from; the API's problem
 * relayed as an ApiError, so the MCP tools answer it as they answer the in-cluster service's.
 */
async function relay<T>(call: Promise<{ data?: unknown }>): Promise<T> {
  try {
    return (await call).data as T;
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    throw new ApiError(
      { relayed: { status: error.status, code: error.code } },
      error.message,
      error.fields.length > 0 ? error.fields : undefined,
    );
  }
}
