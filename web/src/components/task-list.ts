import type { Task } from '../../../schemas/task.ts';
import { clear, h } from '../core/dom.ts';
import type { TaskGroup } from '../views/day-groups.ts';
import { rowKey, taskItem, type TaskActions } from './task-item.ts';

/** Where the person is in the list: the row they look at (and the control they were on). */
interface Place {
  taskId: string;
  top: number;
  /** The focused control of the row (`data-action`), or the row itself. */
  focus?: string;
}

/**
 * The task list, drawn by key: a row whose task did not change is the same element after a
 * redraw, and the row the person was on (focused, else the first one in sight) stays where it
 * was on the screen when rows appear or vanish above it. A live update elsewhere never moves
 * the list under the reader's eyes, nor takes their focus away.
 */
export function taskList(actions: TaskActions, showMore: () => void) {
  const element = h('div', { class: 'task-groups' });
  const rows = new Map<string, { key: string; row: HTMLLIElement }>();

  function currentPlace(): Place | undefined {
    const active = document.activeElement;
    const focusedRow = active instanceof HTMLElement ? active.closest('li.task') : null;
    if (focusedRow instanceof HTMLElement && element.contains(focusedRow)) {
      const focus = active instanceof HTMLElement ? active.dataset.action : undefined;
      return {
        taskId: focusedRow.dataset.taskId!,
        top: focusedRow.getBoundingClientRect().top,
        ...(focus ? { focus } : {}),
      };
    }
    for (const { row } of rows.values()) {
      const box = row.getBoundingClientRect();
      if (row.isConnected && box.bottom > 0 && box.top < window.innerHeight)
        return { taskId: row.dataset.taskId!, top: box.top };
    }
    return undefined;
  }

  function restore(place: Place | undefined): void {
    if (!place) return;
    const row = rows.get(place.taskId)?.row;
    if (!row?.isConnected) return;
    const moved = row.getBoundingClientRect().top - place.top;
    if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
    if (place.focus === undefined && !row.contains(document.activeElement)) return;
    const target =
      (place.focus && row.querySelector<HTMLElement>(`[data-action="${place.focus}"]`)) || row;
    if (document.activeElement !== target) target.focus({ preventScroll: true });
  }

  function render(
    groups: TaskGroup[],
    timeZone: string,
    minute: number,
    more: boolean,
    empty: string,
  ): void {
    const place = currentPlace();
    const seen = new Set<string>();
    const rowOf = (task: Task) => {
      seen.add(task.id);
      const key = rowKey(task, timeZone, minute);
      const known = rows.get(task.id);
      if (known && known.key === key) return known.row;
      const row = taskItem(task, timeZone, actions);
      rows.set(task.id, { key, row });
      return row;
    };
    const sections = groups.map((group) => {
      const headingId = `group-${group.key}`;
      const list = h(
        'ul',
        {
          class: 'tasks',
          'aria-labelledby': group.label ? headingId : 'list-title',
        },
        ...group.tasks.map(rowOf),
      );
      return group.label
        ? h(
            'section',
            { class: 'task-group' },
            h('h3', { id: headingId, class: 'group-title' }, group.label),
            list,
          )
        : list;
    });
    for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
    clear(element);
    if (groups.length === 0 && empty) element.append(h('p', { class: 'empty' }, empty));
    element.append(...sections);
    if (more)
      element.append(
        h('button', { type: 'button', class: 'show-more', onclick: showMore }, 'Show more'),
      );
    restore(place);
  }

  /** The rows in list order, for j/k. */
  const items = (): HTMLLIElement[] => [...element.querySelectorAll<HTMLLIElement>('li.task')];

  return { element, render, items };
}
