import type { DomainError } from '../../schemas/task-actor.ts';
import type { CreateTaskInput, Task } from '../../schemas/task.ts';
import type { TaskEvent } from './task-events.ts';

/** Commands the TaskActor decides on. Time and ids come in: decisions stay deterministic. */
export type TaskCommand = {
  type: 'create';
  taskId: string;
  userId: string;
  input: CreateTaskInput;
};

export interface DecisionContext {
  now: string;
}

export type Decision = { ok: true; events: TaskEvent[] } | { ok: false; error: DomainError };

const fail = (error: DomainError): Decision => ({ ok: false, error });

/** Pure: current state + command → events, or the reason the command is refused. */
export function decide(
  state: Task | undefined,
  command: TaskCommand,
  context: DecisionContext,
): Decision {
  switch (command.type) {
    case 'create': {
      if (state)
        return fail({ code: 'task_exists', message: `task ${command.taskId} already exists` });
      const task: Task = {
        id: command.taskId,
        user_id: command.userId,
        title: command.input.title,
        description: command.input.description,
        status: 'pending',
        priority: command.input.priority,
        tags: command.input.tags,
        due_at: command.input.due_at,
        created_at: context.now,
        updated_at: context.now,
        completed_at: null,
        version: 1,
      };
      return { ok: true, events: [{ type: 'task.created', data: { task } }] };
    }
  }
}
