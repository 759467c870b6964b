import type { SnoozeInput } from '../../schemas/snooze.ts';
import type { Task } from '../../schemas/task.ts';
import { ActorClient } from '../actor-client.ts';
import type { TaskActorClient } from '../task-actor-client.ts';

/**
 * Snoozing a reminder, for the API and for the mailed links: one call to the task's actor, which
 * decides (actors/task/snooze.ts). `firing` binds a link's snooze to the firing it was mailed for.
 */
export class ReminderSnoozer {
  constructor(private readonly actors: TaskActorClient) {}

  /** The task a link names, to say on its page what it would snooze. */
  task(userId: string, taskId: string): Promise<Task> {
    return this.actors.call(taskId, 'get', { caller: ActorClient.caller(userId) });
  }

  snooze(
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
