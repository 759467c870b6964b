import type { DaprClientHttp } from '../platform/dapr.ts';
import { currentContext } from '../platform/request-context.ts';
import {
  TASK_ACTOR_TYPE,
  taskActorResultSchema,
  type Caller,
  type TaskActorCall,
  type TaskActorMethod,
} from '../schemas/task-actor.ts';
import type { Task } from '../schemas/task.ts';
import { ApiError, fromDomainError } from './errors.ts';

/** Methods a user may reach through the API (createOccurrence is actor-to-actor only). */
export type PublicTaskMethod = Exclude<TaskActorMethod, 'createOccurrence'>;

/**
 * Calls TaskActor methods through the sidecar. Knows the actor's contract (schemas/), not its
 * implementation. Domain failures come back as values and become ApiErrors here.
 */
export class TaskActorClient {
  constructor(private readonly dapr: DaprClientHttp) {}

  static caller(userId: string): Caller {
    return { user_id: userId, correlation_id: currentContext()?.correlationId ?? 'none' };
  }

  async call<M extends PublicTaskMethod>(
    taskId: string,
    method: M,
    body: TaskActorCall<M>,
  ): Promise<Task> {
    let raw: unknown;
    try {
      raw = await this.dapr.invokeActor(TASK_ACTOR_TYPE, taskId, method, body);
    } catch (error) {
      throw new ApiError(
        503,
        'actor_unavailable',
        'the task service is unavailable, try again',
        undefined,
        error,
      );
    }
    const result = taskActorResultSchema.safeParse(raw);
    if (!result.success)
      throw new ApiError(502, 'actor_bad_response', 'the task service answered unexpectedly');
    if (!result.data.ok) throw fromDomainError(result.data.error);
    return result.data.task;
  }
}
