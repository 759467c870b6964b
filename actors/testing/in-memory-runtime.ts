import { ActorId, CommunicationProtocolEnum, DaprClient, type AbstractActor } from '@dapr/dapr';
import type { BulkEntry, ReminderRequest } from '../../platform/dapr.ts';
import type { Topic } from '../../schemas/events.ts';
import type { ActorRuntime } from '../actor-runtime.ts';

/** A message as the broker took it. */
export interface Published {
  event: unknown;
  partitionKey: string | undefined;
}

/** How the broker answers publications to a topic while a test makes it fail. */
export type PublishFault =
  /** Nothing reaches the broker: every call throws. */
  | { kind: 'unavailable' }
  /**
   * The broker takes the messages but its answer never comes back: they are delivered and the
   * call throws, so a retry delivers them again.
   */
  | { kind: 'timeout' }
  /**
   * The broker refuses the messages `refuses` picks and takes the others: a bulk call names the
   * refused entries, a single publication of a refused message throws.
   */
  | { kind: 'refuse'; refuses: (event: unknown) => boolean };

/** An actor class as the SDK instantiates it. */
export type ActorClass = new (client: DaprClient, id: ActorId) => AbstractActor;

export interface ActorInvocation {
  actorType: string;
  actorId: string;
  method: string;
  body: unknown;
}

/**
 * The actor runtime (actors/actor-runtime.ts) in memory, for unit tests: a fake of our own port,
 * not of Dapr's HTTP API. Values cross it as JSON, as they cross the sidecar, so an actor never
 * shares an object with the store or with another actor.
 *
 * It also hosts actor classes the way the JS SDK does (one instance per id, activated on its
 * first call, each method between the pre and post hooks), so an actor invoking another one
 * reaches a real instance, and a test fires reminders through the same path.
 */
export class InMemoryRuntime implements ActorRuntime {
  /** Every call to invokeActor, in order. */
  readonly invocations: ActorInvocation[] = [];
  /** Answers invocations of actor types no hosted class serves. */
  onInvoke: ((invocation: ActorInvocation) => Promise<unknown>) | undefined;

  private readonly state = new Map<string, Map<string, string>>();
  private readonly saves = new Map<string, number>();
  private readonly topics = new Map<Topic, Published[]>();
  private readonly faults = new Map<Topic, PublishFault>();
  private readonly reminders = new Map<string, Map<string, ReminderRequest>>();
  private readonly classes = new Map<string, ActorClass>();
  private readonly active = new Map<string, Promise<AbstractActor>>();
  private readonly unreachable = new Set<string>();
  private failingSaves = 0;
  private client: DaprClient | undefined;

  // --- The port ---

  async getActorState(actorType: string, actorId: string, key: string): Promise<unknown> {
    const value = this.state.get(actorKey(actorType, actorId))?.get(key);
    return value === undefined ? undefined : JSON.parse(value);
  }

  async saveActorState(
    actorType: string,
    actorId: string,
    changes: ReadonlyMap<string, unknown>,
  ): Promise<void> {
    if (this.failingSaves > 0) {
      this.failingSaves--;
      throw new Error('state store unavailable');
    }
    // Serialised before anything is written: all of the transaction or none of it.
    const written = [...changes].map(([key, value]) => [key, JSON.stringify(value)] as const);
    const actor = actorKey(actorType, actorId);
    const keys = this.state.get(actor) ?? new Map<string, string>();
    for (const [key, value] of written) keys.set(key, value);
    this.state.set(actor, keys);
    this.saves.set(actor, (this.saves.get(actor) ?? 0) + 1);
  }

  async publish(
    _pubsub: string,
    topic: Topic,
    data: unknown,
    options: { partitionKey?: string } = {},
  ): Promise<void> {
    const fault = this.faults.get(topic);
    if (fault?.kind === 'unavailable') throw new Error(`broker unavailable for ${topic}`);
    if (fault?.kind === 'refuse' && fault.refuses(data))
      throw new Error(`broker refused a message on ${topic}`);
    this.deliver(topic, data, options.partitionKey);
    if (fault?.kind === 'timeout') throw new Error(`publish to ${topic} timed out`);
  }

  async publishBulk(
    _pubsub: string,
    topic: Topic,
    entries: readonly BulkEntry[],
  ): Promise<Set<string>> {
    const fault = this.faults.get(topic);
    if (fault?.kind === 'unavailable') throw new Error(`broker unavailable for ${topic}`);
    const failed = new Set<string>();
    for (const entry of entries) {
      if (fault?.kind === 'refuse' && fault.refuses(entry.event)) failed.add(entry.entryId);
      else this.deliver(topic, entry.event, entry.partitionKey);
    }
    if (fault?.kind === 'timeout') throw new Error(`bulk publish to ${topic} timed out`);
    return failed;
  }

  async registerReminder(
    actorType: string,
    actorId: string,
    name: string,
    reminder: ReminderRequest,
  ): Promise<void> {
    const actor = actorKey(actorType, actorId);
    const registered = this.reminders.get(actor) ?? new Map<string, ReminderRequest>();
    registered.set(name, copy(reminder));
    this.reminders.set(actor, registered);
  }

  async unregisterReminder(actorType: string, actorId: string, name: string): Promise<void> {
    this.reminders.get(actorKey(actorType, actorId))?.delete(name);
  }

  async getReminder(actorType: string, actorId: string, name: string): Promise<unknown> {
    const reminder = this.reminders.get(actorKey(actorType, actorId))?.get(name);
    return reminder && copy(reminder);
  }

  async invokeActor(
    actorType: string,
    actorId: string,
    method: string,
    body: unknown,
  ): Promise<unknown> {
    const invocation = { actorType, actorId, method, body: copy(body) };
    this.invocations.push(invocation);
    if (this.unreachable.has(actorKey(actorType, actorId)))
      throw new Error(`${actorType}/${actorId} is unreachable`);
    if (this.classes.has(actorType)) return this.call(actorType, actorId, method, body);
    if (this.onInvoke) return copy(await this.onInvoke(invocation));
    throw new Error(`no actor of type ${actorType} is reachable`);
  }

  // --- The host ---

  /** Serves these actor classes, under the type the SDK names them by (the class name). */
  host(...classes: ActorClass[]): this {
    for (const actorClass of classes) this.classes.set(actorClass.name, actorClass);
    return this;
  }

  /** Calls a method of a hosted actor as the SDK dispatches a call from the sidecar. */
  async call(actorType: string, actorId: string, method: string, body: unknown): Promise<unknown> {
    const actor = await this.instance(actorType, actorId);
    const handler = (actor as unknown as Record<string, unknown>)[method];
    if (typeof handler !== 'function') throw new Error(`${actorType} has no method ${method}`);
    await actor.onActorMethodPreInternal();
    const result: unknown = await handler.call(actor, copy(body));
    await actor.onActorMethodPostInternal();
    return copy(result);
  }

  /**
   * The scheduler fires a reminder: the one registered under `name`, or `reminder` (one that
   * fired before, delivered again).
   */
  async fireReminder(
    actorType: string,
    actorId: string,
    name: string,
    reminder = this.reminders.get(actorKey(actorType, actorId))?.get(name),
  ): Promise<void> {
    if (!reminder) throw new Error(`${actorType}/${actorId} has no reminder ${name}`);
    await this.call(actorType, actorId, 'receiveReminder', reminder.data);
  }

  /** Drops the instance, as an idle timeout or a move to another host does; the state stays. */
  async deactivate(actorType: string, actorId: string): Promise<void> {
    const key = actorKey(actorType, actorId);
    const actor = await this.active.get(key);
    this.active.delete(key);
    await actor?.onDeactivateInternal();
  }

  // --- What tests look at and break ---

  /** The messages the broker took on a topic, in order. */
  published(topic: Topic): Published[] {
    return [...(this.topics.get(topic) ?? [])];
  }

  /** One key of an actor's state as stored. */
  stored<T>(actorType: string, actorId: string, key: string): T | undefined {
    const value = this.state.get(actorKey(actorType, actorId))?.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  /** How many state transactions of an actor succeeded. */
  savesOf(actorType: string, actorId: string): number {
    return this.saves.get(actorKey(actorType, actorId)) ?? 0;
  }

  /** An actor's reminders as the scheduler holds them, by name. */
  registeredReminders(actorType: string, actorId: string): Map<string, ReminderRequest> {
    return new Map(this.reminders.get(actorKey(actorType, actorId)));
  }

  /** Publications to `topic` fail this way until `restorePublishing`. */
  failPublishing(topic: Topic, fault: PublishFault = { kind: 'unavailable' }): void {
    this.faults.set(topic, fault);
  }

  restorePublishing(topic: Topic): void {
    this.faults.delete(topic);
  }

  /** Invocations of this actor fail, as while its host is down, until `restoreInvocations`. */
  failInvocations(actorType: string, actorId: string): void {
    this.unreachable.add(actorKey(actorType, actorId));
  }

  restoreInvocations(actorType: string, actorId: string): void {
    this.unreachable.delete(actorKey(actorType, actorId));
  }

  /** The next `count` state transactions fail, writing nothing. */
  failSaves(count = 1): void {
    this.failingSaves = count;
  }

  private deliver(topic: Topic, event: unknown, partitionKey: string | undefined): void {
    this.topics.set(topic, [
      ...(this.topics.get(topic) ?? []),
      { event: copy(event), partitionKey },
    ]);
  }

  private instance(actorType: string, actorId: string): Promise<AbstractActor> {
    const key = actorKey(actorType, actorId);
    let actor = this.active.get(key);
    if (!actor) {
      const actorClass = this.classes.get(actorType);
      if (!actorClass) throw new Error(`no actor of type ${actorType} is hosted`);
      this.client ??= new DaprClient({
        // Never dialled: our actors reach their sidecar through this runtime only.
        daprHost: '127.0.0.1',
        daprPort: '9',
        communicationProtocol: CommunicationProtocolEnum.HTTP,
      });
      const created = new actorClass(this.client, new ActorId(actorId));
      actor = created.onActivateInternal().then(() => created);
      this.active.set(key, actor);
    }
    return actor;
  }
}

const actorKey = (actorType: string, actorId: string) => `${actorType}/${actorId}`;

const copy = <T>(value: T): T =>
  value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
