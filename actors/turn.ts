import { AbstractActor } from '@dapr/dapr';
import type { StateStore } from './actor-runtime.ts';
import { ActorState } from './actor-state.ts';

interface StatefulActor {
  /** Drops what the instance remembers of its state, so the next turn reads the store. */
  forgetState(): Promise<void>;
}

const tails = new WeakMap<StatefulActor, Promise<unknown>>();

/**
 * Runs one turn of an actor instance after the turns before it.
 *
 * Dapr serialises an actor's turns in the sidecar, but a sidecar that is killed and restarted
 * forgets the turn still running in the app and dispatches the next call at once. The state an
 * instance caches is shared by all its turns, so two overlapping turns, or a turn after a failed
 * save, could persist one key of a turn without the other (found by chaos/local/run.ts with the
 * SDK's state manager: a task saved without its outbox). Hence turns are serialised here too,
 * and a turn that throws forgets the cached state, so the next one reads what the store holds.
 */
export function inTurn<T>(actor: StatefulActor, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(actor) ?? Promise.resolve();
  const turn = previous.then(async () => {
    try {
      return await work();
    } catch (error) {
      await actor.forgetState();
      throw error;
    }
  });
  tails.set(
    actor,
    turn.catch(() => undefined),
  );
  return turn;
}

/**
 * The base of our actors: their state, read and written by turns run through `inTurn`.
 *
 * State goes through `ActorState` (read once, saved in one transaction per turn) rather than the
 * SDK's state manager. Every turn saves what it changed itself; the SDK's own save after each
 * method (and after activation and deactivation) runs outside the gate, where the next turn may
 * have set one key of its transaction and not yet the other, so it is switched off.
 */
export abstract class TurnActor extends AbstractActor {
  protected abstract readonly stateStore: StateStore;
  private turnState: ActorState | undefined;

  private get state(): ActorState {
    this.turnState ??= new ActorState(
      this.stateStore,
      this.getActorType(),
      this.getActorId().getId(),
    );
    return this.turnState;
  }

  protected read<T>(key: string): Promise<T | undefined> {
    return this.state.get<T>(key);
  }

  /** See ActorState.assumeAbsent. */
  protected assumeAbsent(...keys: string[]): void {
    this.state.assumeAbsent(keys);
  }

  protected write(key: string, value: unknown): void {
    this.state.set(key, value);
  }

  protected save(): Promise<void> {
    return this.state.save();
  }

  async forgetState(): Promise<void> {
    this.turnState?.forget();
  }

  override async resetStateInternal(): Promise<void> {
    this.turnState?.forget();
    await super.resetStateInternal();
  }

  override async saveStateInternal(): Promise<void> {}
}
