import { TASK_VIEWS } from '../core/domain.ts';
import { h } from '../core/dom.ts';
import { viewLabels, type PageState } from '../page/page-state.ts';

/**
 * The views as links (#/today …): the current one is marked for assistive technology too, and
 * each shows how many tasks it holds.
 */
export function viewTabs() {
  const links = TASK_VIEWS.map((view) => {
    const count = h('span', { class: 'count' });
    const link = h(
      'a',
      { href: `#/${view}`, class: 'view-tab', 'data-view': view },
      h('span', { class: 'view-name' }, viewLabels[view]),
      ' ',
      count,
    );
    return { view, link, count };
  });
  const element = h(
    'nav',
    { class: 'views', 'aria-label': 'Views' },
    h('ul', {}, ...links.map(({ link }) => h('li', {}, link))),
  );
  function render(state: PageState): void {
    for (const { view, link, count } of links) {
      if (view === state.view) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
      const n = state.counts?.[view];
      count.textContent = n === undefined ? '' : String(n);
      link.setAttribute('aria-label', `${viewLabels[view]}${n === undefined ? '' : `, ${n}`}`);
    }
  }
  return { element, render };
}
