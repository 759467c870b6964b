import { describe, expect, it } from 'vitest';
import { effectsKeyPattern, taskIdOfEffectsKey } from './pending-effects.ts';

describe('the keys the pending-effects sweep reads', () => {
  it('match every TaskActor of the host app, with LIKE wildcards in the app id escaped', () => {
    expect(effectsKeyPattern('todo-actors')).toBe('todo-actors||TaskActor||%||effects');
    expect(effectsKeyPattern('todo_actors%')).toBe('todo\\_actors\\%||TaskActor||%||effects');
  });

  it('name the task of a key', () => {
    expect(taskIdOfEffectsKey('todo-actors||TaskActor||0b6f7a4e-3f0a||effects')).toBe(
      '0b6f7a4e-3f0a',
    );
    expect(taskIdOfEffectsKey('garbage')).toBeUndefined();
  });
});
