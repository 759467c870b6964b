import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import { PUBSUB_NAME, type Topic } from '../../schemas/events.ts';
import {
  operatorInspectCallSchema,
  type ActorHost,
  type OperatorInspectCall,
  type OperatorInspectionResult,
} from '../../schemas/operator.ts';
import {
  TASK_ACTOR_TYPE,
  taskActorCalls,
  taskActorResultSchema,
  type Caller,
  type TaskActorCall,
  type TaskActorMethod,
  type TaskActorResult,
  type TaskInspectionResult,
  type TaskOccurrencesResult,
} from '../../schemas/task-actor.ts';
import { USER_ACTOR_TYPE, userActorResultSchema, type UserActorCall } from '../../schemas/user.ts';
import type { ActorRuntime } from '../actor-runtime.ts';
import { envelope, runEffects, type Effect, type PublishEffect } from '../effects.ts';
import { inTurn, TurnActor } from '../turn.ts';
import type { ZoneLeases } from '../user/zone-lease.ts';
import { invalidCall } from '../invalid-call.ts';
import { apply, versionOf } from './apply.ts';
import { decide, type TaskCommand } from './decide.ts';
import { desiredRegistrations, registrationName, type ReminderRegistration } from './reminders.ts';
import { SERIES_ADVANCE, seriesRegistrations, upcomingOccurrences } from './series.ts';
import { EFFECTS_RETRY_REMINDER, TASK_STATE_KEYS } from './state-keys.ts';
import { effectsOf } from './task-effects.ts';
import { isLive, type TaskState } from './task-state.ts';

export interface TaskActorDependencies {
  /** The sidecar in production (platform/dapr.ts); actors/testing/in-memory-runtime.ts in tests. */
  runtime: ActorRuntime;
  logger: Logger;
  /** This process, as operators see it (schemas/operator.ts). */
  host: ActorHost;
  /** Users' zones this host holds under a lease, shared by its TaskActors. */
  zones: ZoneLeases;
  now?: () => Date;
}

const {
  task: STATE,
  effects: EFFECTS,
  registeredReminders: REGISTERED,
  retryScheduled: RETRY_SCHEDULED,
} = TASK_STATE_KEYS;
const RETRY_REMINDER = EFFECTS_RETRY_REMINDER;
/** A due reminder repeats until its handler unregisters it: a lost delivery is retried. */
const DUE_REMINDER_PERIOD = '10s';
const PUBLISH_TIMEOUT_MS = 3_000;
/** Entries per bulk publication: a backlog left by a long broker outage goes out in several. */
const MAX_BULK_ENTRIES = 100;

type ReminderData =
  | { kind: 'due'; reminder_id: string; fire_at: string }
  | { kind: 'series'; fire_at: string }
  | { kind: 'retry' };

/**
 * Builds the TaskActor class around its dependencies. Dapr names the actor type after the
 * class, so the class is declared here with the name `TaskActor` (never minified).
 */
export function createTaskActor(deps: TaskActorDependencies) {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();

  return class TaskActor extends TurnActor {
    protected readonly stateStore = deps.runtime;

    override async onActivate(): Promise<void> {
      // Effects a crashed turn saved but did not finish run on the next activation. The task is
      // read first: a task never saved has no other keys to read (see loadState).
      await inTurn(this, async () => {
        if (await this.loadState()) await this.flushEffects();
      }).catch((error: unknown) => deps.logger.error('effects on activation failed', { error }));
    }

    async create(call: TaskActorCall<'create'>): Promise<TaskActorResult> {
      return this.handle('create', call, async ({ caller, input }) => {
        const timeZone = input.time_zone ?? (await this.profileTimeZone(caller));
        if (!timeZone)
          return {
            ok: false,
            error: {
              code: 'user_unavailable',
              message: 'the user profile is unavailable, try again',
            },
          };
        return this.execute(caller, {
          type: 'create',
          taskId: this.taskId,
          userId: caller.user_id,
          input,
          timeZone,
        });
      });
    }

    async get(call: TaskActorCall<'get'>): Promise<TaskActorResult> {
      return this.handle('get', call, async ({ caller }) => {
        const state = await this.loadState();
        return isLive(state) && state.task.user_id === caller.user_id
          ? { ok: true, task: state.task }
          : notFound(this.taskId);
      });
    }

    async occurrences(call: TaskActorCall<'occurrences'>): Promise<TaskOccurrencesResult> {
      return inTurn(this, async () => {
        const parsed = taskActorCalls.occurrences.safeParse(call);
        if (!parsed.success) return invalidCall(parsed.error);
        const state = await this.loadState();
        if (!isLive(state) || state.task.user_id !== parsed.data.caller.user_id)
          return notFound(this.taskId);
        const { task } = state;
        return {
          ok: true,
          result: {
            task_id: task.id,
            repeat_from: task.recurrence?.repeat_from ?? null,
            projected: task.recurrence?.repeat_from === 'completion',
            occurrences: upcomingOccurrences(task, parsed.data.count, now()).map((due_at) => ({
              due_at,
            })),
          },
        };
      });
    }

    async inspect(call: TaskActorCall<'inspect'>): Promise<TaskInspectionResult> {
      return inTurn(this, () => this.inspectTurn(call));
    }

    private async inspectTurn(call: TaskActorCall<'inspect'>): Promise<TaskInspectionResult> {
      const parsed = taskActorCalls.inspect.safeParse(call);
      if (!parsed.success) return invalidCall(parsed.error);
      const state = await this.loadState();
      if (!state || state.task.user_id !== parsed.data.caller.user_id) {
        return {
          ok: false,
          error: { code: 'task_not_found', message: `task ${this.taskId} not found` },
        };
      }
      return {
        ok: true,
        task: state.task,
        deleted_at: state.deleted_at,
        ...(await this.schedulerView()),
      };
    }

    /**
     * For operators (schemas/operator.ts): the same view for any task, owner unchecked, and which
     * host holds it. Read-only. Only the gateway's operator route calls it.
     */
    async operatorInspect(call: OperatorInspectCall): Promise<OperatorInspectionResult> {
      return inTurn(this, async () => {
        const parsed = operatorInspectCallSchema.safeParse(call);
        if (!parsed.success) return invalidCall(parsed.error);
        deps.logger.info('operator inspection', {
          operator: parsed.data.operator.user_id,
          correlation_id: parsed.data.operator.correlation_id,
          task_id: this.taskId,
        });
        const state = await this.loadState();
        return {
          ok: true,
          host: deps.host,
          state: state ? { ...state } : null,
          ...(await this.schedulerView()),
        };
      });
    }

    /** Its reminders as the scheduler holds them and its pending effects (kinds, no payloads). */
    private async schedulerView() {
      const registered = await this.loadRegistered();
      // Only the host of an actor type may read its reminders from the scheduler.
      const scheduled_reminders = await Promise.all(
        registered.map(async (name) => ({
          name,
          reminder: (await deps.runtime.getReminder(TASK_ACTOR_TYPE, this.taskId, name)) ?? null,
        })),
      );
      const pending_effects = (await this.loadEffects()).map((effect) => ({
        kind: effect.kind,
        ...(effect.kind === 'publish'
          ? { topic: effect.topic, event_type: effect.envelope.event_type }
          : {}),
      }));
      return { pending_effects, scheduled_reminders };
    }

    async update(call: TaskActorCall<'update'>): Promise<TaskActorResult> {
      return this.handle('update', call, ({ caller, patch, expected_version, scope }) =>
        this.execute(caller, {
          type: 'update',
          userId: caller.user_id,
          patch,
          expectedVersion: expected_version,
          scope,
        }),
      );
    }

    async complete(call: TaskActorCall<'complete'>): Promise<TaskActorResult> {
      return this.handle('complete', call, ({ caller, expected_version }) =>
        this.execute(caller, {
          type: 'complete',
          userId: caller.user_id,
          expectedVersion: expected_version,
        }),
      );
    }

    async reopen(call: TaskActorCall<'reopen'>): Promise<TaskActorResult> {
      return this.handle('reopen', call, ({ caller, expected_version }) =>
        this.execute(caller, {
          type: 'reopen',
          userId: caller.user_id,
          expectedVersion: expected_version,
        }),
      );
    }

    async delete(call: TaskActorCall<'delete'>): Promise<TaskActorResult> {
      return this.handle('delete', call, ({ caller, expected_version, scope }) =>
        this.execute(caller, {
          type: 'delete',
          userId: caller.user_id,
          expectedVersion: expected_version,
          scope,
        }),
      );
    }

    async skip(call: TaskActorCall<'skip'>): Promise<TaskActorResult> {
      return this.handle('skip', call, ({ caller, expected_version }) =>
        this.execute(caller, {
          type: 'skip',
          userId: caller.user_id,
          expectedVersion: expected_version,
        }),
      );
    }

    async createOccurrence(call: TaskActorCall<'createOccurrence'>): Promise<TaskActorResult> {
      return this.handle(
        'createOccurrence',
        call,
        async ({ caller, parent, due_at, occurrence_index }) => {
          if (parent.user_id !== caller.user_id) return notFound(this.taskId);
          const result = await this.execute(caller, {
            type: 'create_occurrence',
            taskId: this.taskId,
            parent,
            dueAt: due_at,
            occurrenceIndex: occurrence_index,
          });
          return result;
        },
      );
    }

    /** A reminder fires (again) once later; see actors/task/snooze.ts for the rules. */
    async snoozeReminder(call: TaskActorCall<'snoozeReminder'>): Promise<TaskActorResult> {
      return this.handle('snoozeReminder', call, ({ caller, reminder_id, snooze, firing }) =>
        this.execute(caller, {
          type: 'snooze_reminder',
          userId: caller.user_id,
          reminderId: reminder_id,
          snooze,
          firing,
        }),
      );
    }

    /** From the pending-effects sweep: runs what a crashed turn saved but did not finish. */
    async settle(call: TaskActorCall<'settle'>): Promise<{ pending: number }> {
      taskActorCalls.settle.parse(call ?? {});
      return inTurn(this, async () => {
        await this.flushEffects();
        return { pending: (await this.loadEffects()).length };
      });
    }

    /**
     * Dapr scheduler reminders: a due task reminder, the series reminder, or the effects retry.
     * Never throws.
     */
    override async receiveReminder(data: unknown): Promise<void> {
      await inTurn(this, () => this.reminderTurn(data)).catch((error: unknown) =>
        deps.logger.error('reminder handling failed', { error, task_id: this.taskId }),
      );
    }

    private async reminderTurn(data: unknown): Promise<void> {
      const reminder = parseReminderData(data);
      if (reminder?.kind === 'due' || reminder?.kind === 'series') {
        const state = await this.loadState();
        const caller = {
          user_id: state?.task.user_id ?? 'system',
          correlation_id: `${reminder.kind === 'due' ? 'reminder' : 'series'}-${randomUUID()}`,
        };
        await this.execute(
          caller,
          reminder.kind === 'due'
            ? { type: 'fire_reminder', reminderId: reminder.reminder_id, fireAt: reminder.fire_at }
            : { type: 'advance_series', fireAt: reminder.fire_at },
        );
        // A reminder the state no longer wants (handled, moved, or left over by a crash between
        // registering and saving) must stop repeating, whatever the state says was registered.
        const after = await this.loadState();
        const name =
          reminder.kind === 'due' ? registrationName(reminder.reminder_id) : SERIES_ADVANCE;
        // Matched by name only: a reminder moved meanwhile was re-registered under it.
        const wanted = wantedRegistrations(after).some(
          (registration) => registration.name === name,
        );
        if (!wanted) await deps.runtime.unregisterReminder(TASK_ACTOR_TYPE, this.taskId, name);
      }
      await this.flushEffects();
    }

    private get taskId(): string {
      return this.getActorId().getId();
    }

    /** Validates a call at the actor boundary, then runs it. */
    private async handle<M extends TaskActorMethod>(
      method: M,
      call: unknown,
      run: (input: z.infer<(typeof taskActorCalls)[M]>) => Promise<TaskActorResult>,
    ): Promise<TaskActorResult> {
      const parsed = taskActorCalls[method].safeParse(call);
      if (!parsed.success) return invalidCall(parsed.error);
      return inTurn(this, () => run(parsed.data as z.infer<(typeof taskActorCalls)[M]>));
    }

    /**
     * One turn: decide, then save the new state together with the effects of its events in one
     * state transaction, then run the effects.
     */
    private async execute(caller: Caller, command: TaskCommand): Promise<TaskActorResult> {
      const state = await this.loadState();
      const occurredAt = now();
      const decision = decide(state, command, { now: occurredAt });
      if (!decision.ok) return { ok: false, error: decision.error };
      if (decision.events.length === 0) {
        await this.flushEffects();
        return isLive(state) ? { ok: true, task: state.task } : notFound(this.taskId);
      }

      let next = state;
      const effects: Effect[] = [];
      for (const event of decision.events) {
        const before = next;
        next = apply(next, event);
        const published = envelope(event, {
          eventId: randomUUID(),
          occurredAt,
          userId: event.data.task.user_id,
          taskId: this.taskId,
          version: versionOf(event),
          correlationId: caller.correlation_id,
        });
        effects.push(...effectsOf(event, published, before));
      }
      effects.push({ kind: 'sync_reminders' });

      // Every read before the first write: the two writes then follow each other with no
      // round trip between them.
      const pending = [...(await this.loadEffects()), ...effects];
      this.write(STATE, next);
      this.write(EFFECTS, pending);
      await this.save();
      deps.logger.info('task command', {
        correlation_id: caller.correlation_id,
        user_id: caller.user_id,
        task_id: this.taskId,
        command: command.type,
        events: decision.events.map((event) => event.type),
        version: next!.task.version,
      });
      // The answer waits for the effects: a client that reads after it finds the events on their
      // way (a page refetching on the live event it gets for its own write relies on this order).
      await this.flushEffects();
      return { ok: true, task: next!.task };
    }

    private async flushEffects(): Promise<void> {
      const effects = await this.loadEffects();
      if (effects.length === 0) return;
      const { pending, error } = await runEffects(effects, {
        run: (effect) => this.runEffect(effect),
        publish: (topic, lane) => this.publishLane(topic, lane),
      });
      const retryScheduled = await this.read<boolean>(RETRY_SCHEDULED);
      this.write(EFFECTS, pending);
      if (pending.length > 0) {
        deps.logger.warn('effects pending, retrying by reminder', {
          task_id: this.taskId,
          pending: pending.length,
          error,
        });
        await deps.runtime.registerReminder(TASK_ACTOR_TYPE, this.taskId, RETRY_REMINDER, {
          dueTime: '5s',
          period: '15s',
          data: JSON.stringify({ kind: 'retry' } satisfies ReminderData),
        });
        this.write(RETRY_SCHEDULED, true);
      } else if (retryScheduled === true) {
        // Only a turn that scheduled the retry pays for removing it.
        await deps.runtime.unregisterReminder(TASK_ACTOR_TYPE, this.taskId, RETRY_REMINDER);
        this.write(RETRY_SCHEDULED, false);
      }
      await this.save();
    }

    /**
     * A topic's pending events in order: one alone by the plain publish API, more in one bulk call
     * (chunks of MAX_BULK_ENTRIES). Answers how many, from the first, the broker acknowledged.
     * Timeouts are short: a slow broker must not hold the caller's turn; the events stay pending.
     */
    private async publishLane(topic: Topic, lane: readonly PublishEffect[]): Promise<number> {
      if (lane.length === 1) {
        const [only] = lane as [PublishEffect];
        await deps.runtime.publish(PUBSUB_NAME, topic, only.envelope, {
          partitionKey: only.partitionKey,
          timeoutMs: PUBLISH_TIMEOUT_MS,
        });
        return 1;
      }
      let acknowledged = 0;
      try {
        for (let start = 0; start < lane.length; start += MAX_BULK_ENTRIES) {
          const chunk = lane.slice(start, start + MAX_BULK_ENTRIES);
          const failed = await deps.runtime.publishBulk(
            PUBSUB_NAME,
            topic,
            chunk.map((effect) => ({
              entryId: effect.envelope.event_id,
              event: effect.envelope,
              partitionKey: effect.partitionKey,
            })),
            { timeoutMs: PUBLISH_TIMEOUT_MS },
          );
          const firstFailed = chunk.findIndex((effect) => failed.has(effect.envelope.event_id));
          if (firstFailed !== -1) return acknowledged + firstFailed;
          acknowledged += chunk.length;
        }
        return acknowledged;
      } catch (error) {
        if (acknowledged === 0) throw error;
        return acknowledged;
      }
    }

    private async runEffect(effect: Exclude<Effect, PublishEffect>): Promise<void> {
      switch (effect.kind) {
        case 'sync_reminders':
          return this.syncReminders();
        case 'create_occurrence': {
          const call: TaskActorCall<'createOccurrence'> = {
            caller: {
              user_id: effect.parent.user_id,
              correlation_id: `occurrence-of-${effect.parent.id}`,
            },
            parent: effect.parent,
            due_at: effect.dueAt,
            occurrence_index: effect.occurrenceIndex,
          };
          const result = taskActorResultSchema.parse(
            await deps.runtime.invokeActor(
              TASK_ACTOR_TYPE,
              effect.taskId,
              'createOccurrence',
              call,
            ),
          );
          // A refusal is final (retrying cannot change it); only infrastructure errors retry.
          if (!result.ok)
            deps.logger.error('next occurrence refused', {
              task_id: effect.taskId,
              error: result.error,
            });
          return;
        }
        case 'series_call': {
          const caller = { user_id: effect.userId, correlation_id: effect.correlationId };
          const call: TaskActorCall<'update'> | TaskActorCall<'delete'> =
            effect.call.method === 'update'
              ? { caller, patch: effect.call.patch, scope: 'series' }
              : { caller, scope: 'series' };
          const result = taskActorResultSchema.parse(
            await deps.runtime.invokeActor(
              TASK_ACTOR_TYPE,
              effect.taskId,
              effect.call.method,
              call,
            ),
          );
          // Refused is final: a later occurrence deleted meanwhile has nothing left to change.
          if (!result.ok)
            deps.logger.info('series change not carried on', {
              task_id: effect.taskId,
              error: result.error,
            });
          return;
        }
      }
    }

    /** Makes the scheduler's reminders for this task match its state. */
    private async syncReminders(): Promise<void> {
      const state = await this.loadState();
      const desired = wantedRegistrations(state);
      const registered = await this.loadRegistered();
      // Most tasks have no reminders: then there is nothing to ask the scheduler or to save.
      if (desired.length === 0 && registered.length === 0) return;
      for (const name of registered.filter((name) => !desired.some((d) => d.name === name))) {
        await deps.runtime.unregisterReminder(TASK_ACTOR_TYPE, this.taskId, name);
      }
      const nowMs = Date.parse(now());
      for (const registration of desired) {
        const dueTime =
          Date.parse(registration.fireAt) - nowMs > 1_000 ? registration.fireAt : '1s';
        await deps.runtime.registerReminder(TASK_ACTOR_TYPE, this.taskId, registration.name, {
          dueTime,
          period: DUE_REMINDER_PERIOD,
          data: JSON.stringify(
            (registration.kind === 'series'
              ? { kind: 'series', fire_at: registration.fireAt }
              : {
                  kind: 'due',
                  reminder_id: registration.reminderId,
                  fire_at: registration.fireAt,
                }) satisfies ReminderData,
          ),
        });
      }
      this.write(
        REGISTERED,
        desired.map((d) => d.name),
      );
      await this.save();
    }

    /** The user's current zone: leased on this host (actors/user/zone-lease.ts), or asked for. */
    private async profileTimeZone(caller: Caller): Promise<string | undefined> {
      const leased = deps.zones.zoneOf(caller.user_id);
      if (leased) return leased;
      const call: UserActorCall<'getProfile'> = { caller, lease_zone: true };
      const askedAt = deps.zones.now();
      try {
        const result = userActorResultSchema.parse(
          await deps.runtime.invokeActor(USER_ACTOR_TYPE, caller.user_id, 'getProfile', call),
        );
        if (!result.ok) return undefined;
        deps.zones.remember(caller.user_id, result.profile.time_zone, askedAt);
        return result.profile.time_zone;
      } catch (error) {
        deps.logger.error('user profile unavailable', { error });
        return undefined;
      }
    }

    private async loadState(): Promise<TaskState | undefined> {
      const state = await this.read<TaskState>(STATE);
      // Every other key is first written by a turn that runs after the task was saved (the
      // effects in the same transaction as the task), so a task never saved has none of them:
      // a create then reads one key from the store instead of four.
      if (state === undefined) this.assumeAbsent(EFFECTS, REGISTERED, RETRY_SCHEDULED);
      return state;
    }

    private async loadEffects(): Promise<Effect[]> {
      const value = await this.read<unknown>(EFFECTS);
      return Array.isArray(value) ? (value as Effect[]) : [];
    }

    private async loadRegistered(): Promise<string[]> {
      const value = await this.read<unknown>(REGISTERED);
      return Array.isArray(value) ? (value as string[]) : [];
    }
  };
}

/** Every scheduler reminder a task in this state wants: its own reminders and its series'. */
const wantedRegistrations = (state: TaskState | undefined): ReminderRegistration[] => [
  ...desiredRegistrations(state?.task, state?.deleted_at !== null),
  ...seriesRegistrations(state),
];

const notFound = (taskId: string) => ({
  ok: false as const,
  error: { code: 'task_not_found' as const, message: `task ${taskId} not found` },
});

/** Reminder data was registered as a JSON string; depending on the path it arrives encoded once or twice. */
function parseReminderData(data: unknown): ReminderData | undefined {
  let value = data;
  for (let depth = 0; depth < 2 && typeof value === 'string'; depth++) {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || !('kind' in value)) return undefined;
  return value as ReminderData;
}
