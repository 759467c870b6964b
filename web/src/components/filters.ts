import { PRIORITIES } from '../core/domain.ts';
import { h } from '../core/dom.ts';
import type { PageState, PageStore } from '../page/page-state.ts';

const SORTS = ['due', 'priority', 'created', 'updated', 'title'] as const;

/**
 * Search and filters, narrowing every view (and its count) alike; the sort is the All view's,
 * the others having an order of their own. Typing waits a moment before the list follows.
 */
export function filtersPanel(store: PageStore) {
  let typing: ReturnType<typeof setTimeout> | undefined;
  const later = (change: Partial<PageState>) => {
    clearTimeout(typing);
    typing = setTimeout(() => store.update(change), 250);
  };
  const search = h('input', { id: 'filter-q', type: 'search', autocomplete: 'off' });
  search.addEventListener('input', () => later({ search: search.value }));
  const tags = h('input', { id: 'filter-tags', type: 'text', autocomplete: 'off' });
  tags.addEventListener('input', () => later({ tags: tags.value }));

  const priorities = PRIORITIES.map((priority) => {
    const button = h(
      'button',
      { type: 'button', class: 'toggle', 'aria-pressed': 'false', 'data-priority': priority },
      priority,
    );
    button.addEventListener('click', () =>
      store.update((state) => ({
        priority: state.priority.includes(priority)
          ? state.priority.filter((p) => p !== priority)
          : [...state.priority, priority],
      })),
    );
    return button;
  });

  const sort = h(
    'select',
    { id: 'filter-sort' },
    ...SORTS.map((s) => h('option', { value: s }, s)),
  );
  sort.addEventListener('change', () => store.update({ sort: sort.value as PageState['sort'] }));
  const order = h(
    'select',
    { id: 'filter-order' },
    h('option', { value: 'asc' }, 'ascending'),
    h('option', { value: 'desc' }, 'descending'),
  );
  order.addEventListener('change', () =>
    store.update({ order: order.value as PageState['order'] }),
  );
  const sortRow = h(
    'p',
    { class: 'sort-row' },
    h('label', { for: 'filter-sort' }, 'Sort by'),
    sort,
    h('label', { for: 'filter-order', class: 'visually-hidden' }, 'Order'),
    order,
  );

  const element = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': 'Filter tasks',
      onsubmit: (event: Event) => event.preventDefault(),
    },
    h('p', {}, h('label', { for: 'filter-q' }, 'Search tasks'), search),
    h(
      'div',
      { role: 'group', 'aria-label': 'Filter by priority', class: 'priority-filter' },
      h('span', { class: 'legend', 'aria-hidden': 'true' }, 'Priority'),
      ...priorities,
    ),
    h('p', {}, h('label', { for: 'filter-tags' }, 'Filter by tags'), tags),
    sortRow,
  );

  function render(state: PageState): void {
    for (const button of priorities)
      button.setAttribute(
        'aria-pressed',
        String(state.priority.includes(button.dataset.priority as never)),
      );
    sortRow.hidden = state.view !== 'all';
    sort.value = state.sort;
    order.value = state.order;
  }
  return { element, render, focusSearch: () => search.focus() };
}
