import { describe, expect, it, vi } from 'vitest';
import { changed, createStore } from './store.ts';

describe('the page store', () => {
  it('tells its listeners of a change, with the state before it', () => {
    const store = createStore({ view: 'today', count: 0 });
    const heard = vi.fn();
    store.subscribe(heard);
    store.update({ view: 'upcoming' });
    store.update((state) => ({ count: state.count + 1 }));
    expect(store.get()).toEqual({ view: 'upcoming', count: 1 });
    expect(heard.mock.calls.map(([state, previous]) => [previous.view, state.view])).toEqual([
      ['today', 'upcoming'],
      ['upcoming', 'upcoming'],
    ]);
  });

  it('says nothing when nothing changed, and stops telling a listener that left', () => {
    const store = createStore({ view: 'today' });
    const heard = vi.fn();
    const leave = store.subscribe(heard);
    store.update({ view: 'today' });
    leave();
    store.update({ view: 'all' });
    expect(heard).not.toHaveBeenCalled();
  });

  it('replaces the state, so a listener can compare the parts it draws', () => {
    const store = createStore({ tasks: [1], view: 'today' });
    const before = store.get();
    store.update({ view: 'all' });
    expect(changed(store.get(), before, 'tasks')).toBe(false);
    expect(changed(store.get(), before, 'view', 'tasks')).toBe(true);
    expect(before.view).toBe('today');
  });

  it('applies a listener’s own update after every listener heard the change before it', () => {
    const store = createStore({ view: 'today', tasks: ['a'] });
    const heard: string[] = [];
    store.subscribe((state, previous) => {
      if (state.view !== previous.view) store.update({ tasks: [] });
    });
    store.subscribe((state) => heard.push(`${state.view}:${state.tasks.join(',')}`));
    store.update({ view: 'all' });
    expect(heard).toEqual(['all:a', 'all:']);
    expect(store.get()).toEqual({ view: 'all', tasks: [] });
  });
});
