import type { BulkEntry, PublishOptions, ReminderRequest } from '../platform/dapr.ts';
import type { Topic } from '../schemas/events.ts';

/**
 * What our actors need from their sidecar, and nothing more: their own state, the broker, the
 * scheduler and the other actors. In production it is the sidecar's client
 * (platform/dapr.ts, checked against this in actor-runtime.test.ts); in unit tests it is
 * actors/testing/in-memory-runtime.ts, so an actor's turns run without a stack.
 */
export interface ActorRuntime {
  /** One key of an actor's state; undefined when the key is absent. */
  getActorState(actorType: string, actorId: string, key: string): Promise<unknown>;
  /** Writes keys of an actor's state in one transaction: all of them or none. */
  saveActorState(
    actorType: string,
    actorId: string,
    changes: ReadonlyMap<string, unknown>,
  ): Promise<void>;
  publish(pubsub: string, topic: Topic, data: unknown, options?: PublishOptions): Promise<void>;
  /**
   * Publishes entries to one topic in one call. Answers the ids of the entries the broker did not
   * acknowledge (empty: all were); throws when it cannot say which.
   */
  publishBulk(
    pubsub: string,
    topic: Topic,
    entries: readonly BulkEntry[],
    options?: Pick<PublishOptions, 'timeoutMs'>,
  ): Promise<Set<string>>;
  /** Registers (or replaces) a reminder of an actor. */
  registerReminder(
    actorType: string,
    actorId: string,
    name: string,
    reminder: ReminderRequest,
  ): Promise<void>;
  /** Removes a reminder; one already gone is not an error. */
  unregisterReminder(actorType: string, actorId: string, name: string): Promise<void>;
  /** A reminder as the scheduler holds it, or undefined. */
  getReminder(actorType: string, actorId: string, name: string): Promise<unknown>;
  /** Invokes a method of another actor; the body is the method's single argument. */
  invokeActor(actorType: string, actorId: string, method: string, body: unknown): Promise<unknown>;
}

/** The part of the runtime an actor that only keeps state needs. */
export type StateStore = Pick<ActorRuntime, 'getActorState' | 'saveActorState'>;
