import type { TaskView } from '../../../schemas/task-views.ts';

/** What a key does on the task page. */
export type ShortcutAction =
  | { kind: 'new-task' }
  | { kind: 'search' }
  | { kind: 'move'; by: 1 | -1 }
  | { kind: 'complete' }
  | { kind: 'start' }
  | { kind: 'edit' }
  | { kind: 'view'; view: TaskView }
  | { kind: 'help' };

/** The keys, as the `?` overlay lists them: one table serves the handler and the help. */
export const SHORTCUTS: { keys: string[]; does: string; action: ShortcutAction }[] = [
  { keys: ['n'], does: 'New task (quick add)', action: { kind: 'new-task' } },
  { keys: ['/'], does: 'Search', action: { kind: 'search' } },
  { keys: ['j', 'ArrowDown'], does: 'Next task', action: { kind: 'move', by: 1 } },
  { keys: ['k', 'ArrowUp'], does: 'Previous task', action: { kind: 'move', by: -1 } },
  { keys: ['x'], does: 'Complete or reopen the task', action: { kind: 'complete' } },
  { keys: ['s'], does: 'Start or pause the task', action: { kind: 'start' } },
  { keys: ['e'], does: 'Edit the task', action: { kind: 'edit' } },
  { keys: ['1'], does: 'Today', action: { kind: 'view', view: 'today' } },
  { keys: ['2'], does: 'Upcoming', action: { kind: 'view', view: 'upcoming' } },
  { keys: ['3'], does: 'Overdue', action: { kind: 'view', view: 'overdue' } },
  { keys: ['4'], does: 'Completed', action: { kind: 'view', view: 'completed' } },
  { keys: ['5'], does: 'All', action: { kind: 'view', view: 'all' } },
  { keys: ['?'], does: 'Show these shortcuts', action: { kind: 'help' } },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focus is in a text field, a select or an editable element: keys are typing there. */
  typing: boolean;
  /** The focus is on a task of the list: the arrows move through it instead of scrolling. */
  onTask: boolean;
}

/** The action of a key press, or undefined when the key is not ours to take. */
export function shortcutFor(press: KeyPress): ShortcutAction | undefined {
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (press.key.startsWith('Arrow') && !press.onTask) return undefined;
  return SHORTCUTS.find((shortcut) => shortcut.keys.includes(press.key))?.action;
}
