import { ApiProblem } from '../core/api.ts';
import { h } from '../core/dom.ts';

/** A button on a toast; `run` answers what the toast says once it is done. */
export interface ToastAction {
  label: string;
  /** The button's accessible name when its label alone is not enough ("Snooze Stretch for 10 minutes"). */
  name?: string;
  run: () => Promise<string>;
}

const INFO_MS = 6_000;
/** A toast a person may act on stays long enough to be acted on. */
const ACTION_MS = 60_000;

/** The text of a failure: a problem's detail and its field errors, or the error itself. */
export const problemText = (error: unknown): string =>
  error instanceof ApiProblem
    ? `${error.message}${error.fields.length ? `: ${error.fields.map((f) => `${f.path} ${f.message}`).join('; ')}` : ''}`
    : String(error);

/**
 * Shows a message in the page's live region (#toasts). With actions, the toast holds buttons
 * (a reminder's snooze) and a Dismiss; an action's answer replaces the message.
 */
export function toast(
  message: string,
  kind: 'info' | 'reminder' | 'error' = 'info',
  actions: ToastAction[] = [],
): HTMLElement {
  const host = document.getElementById('toasts')!;
  const text = h('span', { class: 'toast-text' }, message);
  const item = h('div', { class: `toast toast-${kind}` }, text);
  let timer = setTimeout(() => item.remove(), actions.length ? ACTION_MS : INFO_MS);
  if (actions.length) {
    const buttons = actions.map((action) => {
      const button = h(
        'button',
        { type: 'button', class: 'toast-action', 'aria-label': action.name },
        action.label,
      );
      button.addEventListener('click', async () => {
        for (const other of buttons) other.disabled = true;
        try {
          text.textContent = await action.run();
          bar.remove();
        } catch (failure) {
          text.textContent = problemText(failure);
          for (const other of buttons) other.disabled = false;
        }
        clearTimeout(timer);
        timer = setTimeout(() => item.remove(), INFO_MS);
      });
      return button;
    });
    const dismiss = h(
      'button',
      { type: 'button', class: 'toast-action', onclick: () => item.remove() },
      'Dismiss',
    );
    const bar = h('span', { class: 'toast-actions' }, ...buttons, dismiss);
    item.append(bar);
  }
  host.append(item);
  return item;
}
