import { randomUUID } from 'node:crypto';
import { AbstractActor, Temporal } from '@dapr/dapr';
import type { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import { topics } from '../../schemas/events.ts';
import {
  taskActorCalls,
  type DomainError,
  type TaskActorCall,
  type TaskActorResult,
} from '../../schemas/task-actor.ts';
import type { Task } from '../../schemas/task.ts';
import { envelope, flushOutbox, type OutboxEntry, type Publish } from '../outbox.ts';
import { apply, versionAfter } from './apply.ts';
import { decide, type TaskCommand } from './decide.ts';

export interface TaskActorDependencies {
  publish: Publish;
  logger: Logger;
  now?: () => Date;
}

const STATE = 'task';
const OUTBOX = 'outbox';
const OUTBOX_RETRY_REMINDER = 'outbox-retry';

/**
 * Builds the TaskActor class around its dependencies. Dapr names the actor type after the
 * class, so the class is declared here with the name `TaskActor` (never minified).
 */
export function createTaskActor(deps: TaskActorDependencies) {
  const now = deps.now ?? (() => new Date());

  return class TaskActor extends AbstractActor {
    override async onActivate(): Promise<void> {
      // Events a crashed turn saved but did not publish go out on the next activation.
      await this.publishPending().catch((error: unknown) =>
        deps.logger.error('outbox flush on activation failed', { error }),
      );
    }

    async create(call: TaskActorCall<'create'>): Promise<TaskActorResult> {
      const parsed = taskActorCalls.create.safeParse(call);
      if (!parsed.success) return invalid(parsed.error);
      const { caller, input } = parsed.data;
      return this.execute(caller.correlation_id, {
        type: 'create',
        taskId: this.getActorId().getId(),
        userId: caller.user_id,
        input,
      });
    }

    async get(call: TaskActorCall<'get'>): Promise<TaskActorResult> {
      const parsed = taskActorCalls.get.safeParse(call);
      if (!parsed.success) return invalid(parsed.error);
      const task = await this.loadOwned(parsed.data.caller.user_id);
      return task ? { ok: true, task } : notFound(this.getActorId().getId());
    }

    override async receiveReminder(data: string): Promise<void> {
      // A throwing reminder handler can take the process down: failures are logged, and the
      // periodic reminder simply fires again.
      try {
        // Whatever reminder fired, pending events go out first; the outbox-retry reminder
        // exists only for that.
        void data;
        await this.publishPending();
      } catch (error) {
        deps.logger.error('reminder handling failed', {
          error,
          actor_id: this.getActorId().getId(),
        });
      }
    }

    private async execute(correlationId: string, command: TaskCommand): Promise<TaskActorResult> {
      const state = await this.loadState();
      if (state && state.user_id !== command.userId) return notFound(command.taskId);
      const occurredAt = now().toISOString();
      const decision = decide(state, command, { now: occurredAt });
      if (!decision.ok) return { ok: false, error: decision.error };

      let next = state;
      const entries: OutboxEntry[] = [];
      for (const event of decision.events) {
        const version = versionAfter(next);
        next = apply(next, event);
        entries.push({
          topic: topics.taskEvents,
          partitionKey: command.taskId,
          envelope: envelope(event, {
            eventId: randomUUID(),
            occurredAt,
            userId: command.userId,
            taskId: command.taskId,
            version,
            correlationId,
          }),
        });
      }
      if (!next) throw new Error('a successful decision must leave a task');

      // New state and its events in one transaction: either both are saved or neither.
      const stateManager = this.getStateManager<unknown>();
      await stateManager.setState(STATE, next);
      await stateManager.setState(OUTBOX, [...(await this.loadOutbox()), ...entries]);
      await stateManager.saveState();
      await this.publishPending();
      return { ok: true, task: next };
    }

    private async publishPending(): Promise<void> {
      const pending = await this.loadOutbox();
      if (pending.length === 0) return;
      const remaining = await flushOutbox(pending, deps.publish);
      const stateManager = this.getStateManager<unknown>();
      await stateManager.setState(OUTBOX, remaining);
      await stateManager.saveState();
      if (remaining.length > 0) {
        deps.logger.warn('events left in outbox, retrying by reminder', {
          pending: remaining.length,
        });
        await this.registerActorReminder(
          OUTBOX_RETRY_REMINDER,
          Temporal.Duration.from({ seconds: 5 }),
          Temporal.Duration.from({ seconds: 15 }),
        );
      } else if (pending.length > 0) {
        await this.unregisterActorReminder(OUTBOX_RETRY_REMINDER).catch(() => undefined);
      }
    }

    private async loadState(): Promise<Task | undefined> {
      const [found, value] = await this.getStateManager<Task>().tryGetState(STATE);
      return found ? (value as Task) : undefined;
    }

    /** Another user's task is reported exactly like a missing one. */
    private async loadOwned(userId: string): Promise<Task | undefined> {
      const state = await this.loadState();
      return state && state.user_id === userId ? state : undefined;
    }

    private async loadOutbox(): Promise<OutboxEntry[]> {
      const [found, value] = await this.getStateManager<OutboxEntry[]>().tryGetState(OUTBOX);
      return found && Array.isArray(value) ? value : [];
    }
  };
}

const notFound = (taskId: string): TaskActorResult => ({
  ok: false,
  error: { code: 'task_not_found', message: `task ${taskId} not found` },
});

function invalid(error: z.ZodError): TaskActorResult {
  const domainError: DomainError = {
    code: 'validation_failed',
    message: 'invalid actor call',
    fields: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
  return { ok: false, error: domainError };
}
