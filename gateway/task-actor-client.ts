import {
  TASK_ACTOR_TYPE,
  taskActorResultSchema,
  taskOccurrencesResultSchema,
  type TaskOccurrences,
  type TaskActorCall,
  type TaskActorMethod,
} from '../schemas/task-actor.ts';
import type { Task } from '../schemas/task.ts';
import type { ActorClient } from './actor-client.ts';

/** Methods a user may reach through the API (createOccurrence is actor-to-actor only). */
export type PublicTaskMethod = Exclude<
  TaskActorMethod,
  'createOccurrence' | 'inspect' | 'occurrences'
>;

export class TaskActorClient {
  constructor(private readonly actors: ActorClient) {}

  async call<M extends PublicTaskMethod>(
    taskId: string,
    method: M,
    body: TaskActorCall<M>,
  ): Promise<Task> {
    const { task } = await this.actors.call(
      TASK_ACTOR_TYPE,
      taskId,
      method,
      body,
      taskActorResultSchema,
    );
    return task;
  }

  async occurrences(taskId: string, body: TaskActorCall<'occurrences'>): Promise<TaskOccurrences> {
    const { result } = await this.actors.call(
      TASK_ACTOR_TYPE,
      taskId,
      'occurrences',
      body,
      taskOccurrencesResultSchema,
    );
    return result;
  }
}
