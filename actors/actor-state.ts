import type { StateStore } from './actor-runtime.ts';

/**
 * An actor instance's keys as its turns see them. Each key is read from the store once (its
 * value, or that it is absent) and then served from memory: the instance is the only writer of
 * its keys, since Dapr activates an actor in one place at a time. Writes collect until `save`,
 * which writes them in one transaction and only then counts them as saved.
 *
 * In place of the JS SDK's state manager, which asks the store again for every key it did not
 * find (on each read, and before each first write of a key), and marks changes saved before the
 * save completes (see docs/RELIABILITY.md, defect 2).
 */
export class ActorState {
  private readonly known = new Map<string, unknown>();
  private readonly changed = new Map<string, unknown>();

  constructor(
    private readonly store: StateStore,
    private readonly actorType: string,
    private readonly actorId: string,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    if (this.changed.has(key)) return this.changed.get(key) as T;
    if (!this.known.has(key))
      this.known.set(key, await this.store.getActorState(this.actorType, this.actorId, key));
    return this.known.get(key) as T | undefined;
  }

  /**
   * Keys the caller knows to be absent without asking (their actor's invariants say so): they
   * are then answered from memory like keys read absent. Keys already read or set are kept.
   */
  assumeAbsent(keys: readonly string[]): void {
    for (const key of keys)
      if (!this.known.has(key) && !this.changed.has(key)) this.known.set(key, undefined);
  }

  set(key: string, value: unknown): void {
    this.changed.set(key, value);
  }

  async save(): Promise<void> {
    if (this.changed.size === 0) return;
    await this.store.saveActorState(this.actorType, this.actorId, this.changed);
    for (const [key, value] of this.changed) this.known.set(key, value);
    this.changed.clear();
  }

  /** After a failed turn, or a new activation: the store is the truth again. */
  forget(): void {
    this.known.clear();
    this.changed.clear();
  }
}
