import { loadSession } from '../core/api.ts';
import { clear, h } from '../core/dom.ts';

/**
 * The frame of the side pages (inspector, operator view): a header with the way back to the
 * tasks and one main landmark holding everything below it (so every part is in a region).
 * Answers that main, or undefined when nobody is logged in (it then says so).
 */
export function pageShell(root: HTMLElement, title: string): HTMLElement | undefined {
  clear(root);
  const header = h(
    'header',
    { class: 'top' },
    h('h1', {}, title),
    h('a', { href: '/' }, '← Tasks'),
  );
  const main = h('main', {});
  root.append(header, main);
  if (loadSession()) return main;
  main.append(h('p', {}, 'Log in on the task page first.'));
  return undefined;
}
