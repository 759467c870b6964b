import { describe, expect, it } from 'vitest';
import { shortcutFor, SHORTCUTS, type KeyPress } from './shortcut-keys.ts';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  onTask: false,
  ...more,
});

describe('the keyboard shortcuts', () => {
  it('map single keys to actions', () => {
    expect(shortcutFor(press('n'))).toEqual({ kind: 'new-task' });
    expect(shortcutFor(press('j'))).toEqual({ kind: 'move', by: 1 });
    expect(shortcutFor(press('3'))).toEqual({ kind: 'view', view: 'overdue' });
    expect(shortcutFor(press('?'))).toEqual({ kind: 'help' });
    expect(shortcutFor(press('q'))).toBeUndefined();
  });

  it('leave typing, and the browser’s own combinations, alone', () => {
    expect(shortcutFor(press('n', { typing: true }))).toBeUndefined();
    expect(shortcutFor(press('/', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(press('x', { metaKey: true }))).toBeUndefined();
  });

  it('take the arrows only on a task, where they move instead of scrolling', () => {
    expect(shortcutFor(press('ArrowDown'))).toBeUndefined();
    expect(shortcutFor(press('ArrowDown', { onTask: true }))).toEqual({ kind: 'move', by: 1 });
  });

  it('give every key one meaning', () => {
    const keys = SHORTCUTS.flatMap((shortcut) => shortcut.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
