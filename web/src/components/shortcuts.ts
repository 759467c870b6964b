import { h } from '../core/dom.ts';
import { shortcutFor, SHORTCUTS, type ShortcutAction } from './shortcut-keys.ts';

const keyName = (key: string) => ({ ArrowDown: '↓', ArrowUp: '↑' })[key] ?? key;

/** The `?` overlay: every shortcut, from the same table the handler reads. */
export function openShortcutHelp(): void {
  if (document.querySelector('dialog.shortcuts-dialog')) return;
  const dialog = h(
    'dialog',
    { class: 'shortcuts-dialog', 'aria-labelledby': 'shortcuts-title' },
    h('h2', { id: 'shortcuts-title' }, 'Keyboard shortcuts'),
    h(
      'dl',
      { class: 'shortcut-list' },
      ...SHORTCUTS.flatMap((shortcut) => [
        h(
          'dt',
          {},
          ...shortcut.keys.flatMap((key, index) => [
            index ? ' or ' : '',
            h('kbd', {}, keyName(key)),
          ]),
        ),
        h('dd', {}, shortcut.does),
      ]),
    ),
    h('form', { method: 'dialog' }, h('button', { type: 'submit', autofocus: true }, 'Close')),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement &&
      !['checkbox', 'radio', 'button', 'submit'].includes(target.type)));

/** Listens for the page's shortcuts; a key typed into a field, or with a modifier, is left alone. */
export function installShortcuts(run: (action: ShortcutAction) => void): void {
  document.addEventListener('keydown', (event) => {
    // A modal dialog (settings, details, this help) has the keyboard to itself.
    if (document.querySelector('dialog[open]')) return;
    const target = event.target;
    const action = shortcutFor({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      typing: isTyping(target),
      onTask: target instanceof HTMLElement && target.closest('li.task') !== null,
    });
    if (!action) return;
    event.preventDefault();
    run(action);
  });
}
