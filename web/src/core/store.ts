/**
 * The page's one state store: a value, replaced (never mutated) by `update`, and listeners told
 * of each change with the state before it, so a component redraws only when its part changed.
 */
export interface Store<S extends object> {
  get(): S;
  update(change: Partial<S> | ((state: S) => Partial<S>)): void;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<(state: S, previous: S) => void>();
  // A listener's own update waits until every listener heard of the change before it: each
  // listener hears every change once, in order, and never a state older than one it has seen.
  const queued: (Partial<S> | ((state: S) => Partial<S>))[] = [];
  let dispatching = false;
  const store: Store<S> = {
    get: () => state,
    update(change) {
      if (dispatching) {
        queued.push(change);
        return;
      }
      const patch = typeof change === 'function' ? change(state) : change;
      const changed = (Object.keys(patch) as (keyof S)[]).some((key) => patch[key] !== state[key]);
      if (changed) {
        const previous = state;
        state = { ...state, ...patch };
        dispatching = true;
        try {
          for (const listener of [...listeners]) listener(state, previous);
        } finally {
          dispatching = false;
        }
      }
      const next = queued.shift();
      if (next) store.update(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}

/** Whether any of the keys changed between two states: `if (changed(s, p, 'tasks')) redraw()`. */
export const changed = <S extends object>(state: S, previous: S, ...keys: (keyof S)[]): boolean =>
  keys.some((key) => state[key] !== previous[key]);
