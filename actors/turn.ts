import { AbstractActor } from '@dapr/dapr';

type StatefulActor = Pick<AbstractActor, 'getStateManager'>;

const tails = new WeakMap<StatefulActor, Promise<unknown>>();

/**
 * Runs one turn of an actor instance after the turns before it.
 *
 * Dapr serialises an actor's turns in the sidecar, but a sidecar that is killed and restarted
 * forgets the turn still running in the app and dispatches the next call at once. The SDK's state
 * cache is shared by every turn of the instance and marks changes as saved before the save
 * completes, so two overlapping turns, or a turn after a failed save, could persist one key of a
 * turn without the other (found by chaos/local/run.ts: a task saved without its outbox). Hence
 * turns are serialised here too, and a turn that throws drops the cache, so the next one reads
 * what the store really holds.
 */
export function inTurn<T>(actor: StatefulActor, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(actor) ?? Promise.resolve();
  const turn = previous.then(async () => {
    try {
      return await work();
    } catch (error) {
      await actor.getStateManager().clearCache();
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
 * The base of our actors. Every turn saves what it changed itself, inside `inTurn`. The SDK
 * saves once more after each method (and after activation and deactivation), outside the gate:
 * by then the next turn may have set one key of its transaction and not yet the other, and that
 * save would write them apart (a task without its effects if the process dies in between).
 * Nothing is left for those saves to do, so they are switched off.
 */
export abstract class TurnActor extends AbstractActor {
  override async saveStateInternal(): Promise<void> {}
}
