import type { EventEnvelope } from '../../../schemas/events.ts';
import type { TaskPage } from '../../../schemas/task-query.ts';
import type { Reminder } from '../../../schemas/reminder.ts';
import type { Task } from '../../../schemas/task.ts';
import type { TaskCounts } from '../../../schemas/task-views.ts';
import { api, logout } from '../core/api.ts';
import { behind, type Seen } from '../core/catch-up.ts';
import { timeOfDay } from '../core/dates.ts';
import { clear, h } from '../core/dom.ts';
import { splitTags } from '../core/format.ts';
import { connectLive } from '../core/live.ts';
import { changed } from '../core/store.ts';
import { chatPanel } from '../components/chat-panel.ts';
import { filtersPanel } from '../components/filters.ts';
import { renderQuickAdd } from '../components/quick-add.ts';
import { settingsButton } from '../components/settings.ts';
import type { ShortcutAction } from '../components/shortcut-keys.ts';
import { installShortcuts, openShortcutHelp } from '../components/shortcuts.ts';
import { openTaskDetails } from '../components/task-details.ts';
import type { TaskActions } from '../components/task-item.ts';
import { taskList } from '../components/task-list.ts';
import { problemText, toast } from '../components/toasts.ts';
import { viewTabs } from '../components/view-tabs.ts';
import { renderEditor } from '../editor/editor-view.ts';
import { groupTasks } from '../views/day-groups.ts';
import { createPageStore, viewFromHash, viewLabels, type PageState } from './page-state.ts';

const PAGE = 100;
const emptyText: Record<PageState['view'], string> = {
  today: 'Nothing due today.',
  upcoming: 'Nothing coming up.',
  overdue: 'Nothing overdue.',
  completed: 'Nothing completed yet.',
  all: 'No tasks here.',
};

/** The search and filters, as the list and the counts both take them. */
function narrowing(state: PageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.search.trim()) params.set('q', state.search.trim());
  if (state.priority.length) params.set('priority', state.priority.join(','));
  const tags = splitTags(state.tags);
  if (tags.length) params.set('tags', tags.join(','));
  return params;
}

function listPath(state: PageState, cursor: string | null): string {
  const params = narrowing(state);
  params.set('view', state.view);
  params.set('limit', String(PAGE));
  if (state.view === 'all') {
    params.set('sort', state.sort);
    params.set('order', state.order);
  }
  if (cursor) params.set('cursor', cursor);
  return `/tasks?${params}`;
}

/** The signed-in page: views, the list, the editor, the chat, kept live by Socket.IO. */
export async function renderTaskPage(
  root: HTMLElement,
  profile: { display_name: string; time_zone: string },
): Promise<void> {
  const store = createPageStore(profile);

  // ---------- fetching ----------
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Live events since the list last caught up with them, and how often it has tried since. */
  const seen = new Map<string, Seen>();
  let catchUpTries = 0;
  let generation = 0;
  /**
   * Refetches the list (as many pages as it holds) and the counts, debounced: after every change
   * and every live event. When the read model has not caught up with the events yet, it tries
   * again a little later: four times, within four seconds, at most. An answer to a query the
   * page has moved on from (another view) is dropped.
   */
  function refresh(delay = 120): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
      const state = store.get();
      const mine = ++generation;
      try {
        const counts = api<TaskCounts>('GET', `/tasks/counts?${narrowing(state)}`);
        const tasks: Task[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < state.pages; page++) {
          const answer: TaskPage = await api<TaskPage>('GET', listPath(state, cursor));
          tasks.push(...answer.items);
          cursor = answer.next_cursor;
          if (!cursor) break;
        }
        const countsNow = await counts;
        if (mine !== generation) return;
        store.update({ tasks, more: cursor !== null, counts: countsNow, loading: false });
        if (behind(seen, tasks).length > 0 && catchUpTries < 4) {
          catchUpTries++;
          refresh(250 * 2 ** (catchUpTries - 1));
        } else {
          seen.clear();
          catchUpTries = 0;
        }
      } catch (failure) {
        toast(problemText(failure), 'error');
      }
    }, delay);
  }

  async function act(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
      refresh(0);
    } catch (failure) {
      toast(problemText(failure), 'error');
      refresh(0);
    }
  }

  // ---------- the parts ----------
  const editorHost = h('section', { class: 'editor', 'aria-labelledby': 'editor-title' });
  const openEditor = (task?: Task) => {
    store.update({ editing: task });
    renderEditor(editorHost, {
      task,
      userTimeZone: store.get().timeZone,
      problemText,
      done: (message) => {
        if (message) toast(message);
        openEditor();
        refresh(0);
      },
    });
    if (task) editorHost.querySelector<HTMLElement>('#task-title')?.focus();
  };

  const actions: TaskActions = {
    complete: (task) => act(() => api('POST', `/tasks/${task.id}/complete`)),
    reopen: (task) => act(() => api('POST', `/tasks/${task.id}/reopen`)),
    start: (task, started) =>
      act(() =>
        api(
          'PATCH',
          `/tasks/${task.id}`,
          { status: started ? 'in_progress' : 'pending' },
          { ifMatch: task.version },
        ),
      ),
    skip: (task) => act(() => api('POST', `/tasks/${task.id}/skip`)),
    remove: (task) => {
      const question = task.recurrence
        ? `Delete this occurrence of “${task.title}”? The series goes on.`
        : `Delete “${task.title}”?`;
      if (confirm(question)) void act(() => api('DELETE', `/tasks/${task.id}`));
    },
    edit: (task) => openEditor(task),
    details: (task) => openTaskDetails(task, store.get().timeZone),
  };
  const list = taskList(actions, () => {
    store.update((state) => ({ pages: state.pages + 1 }));
    refresh(0);
  });
  const tabs = viewTabs();
  const filters = filtersPanel(store);
  const listTitle = h('h2', { id: 'list-title' }, 'Tasks');
  const who = h('span', { class: 'who' }, profile.display_name);

  function drawList(state: PageState): void {
    listTitle.textContent = `Tasks · ${viewLabels[state.view]}`;
    list.render(
      groupTasks(state.tasks, state.view, state.timeZone, new Date()),
      state.timeZone,
      state.minute,
      state.more,
      state.loading ? '' : emptyText[state.view],
    );
    list.element.setAttribute('aria-busy', String(state.loading));
  }

  store.subscribe((state, previous) => {
    if (changed(state, previous, 'view', 'search', 'priority', 'tags', 'sort', 'order')) {
      // Another question: the rows of the last answer are not shown under it, not even briefly.
      store.update({ pages: 1, tasks: [], more: false, loading: true });
      refresh(0);
    }
    if (changed(state, previous, 'view', 'counts')) tabs.render(state);
    if (changed(state, previous, 'view', 'priority', 'sort', 'order')) filters.render(state);
    if (changed(state, previous, 'tasks', 'timeZone', 'minute', 'more', 'view', 'loading'))
      drawList(state);
    if (changed(state, previous, 'displayName')) who.textContent = state.displayName;
  });
  window.addEventListener('hashchange', () => {
    const view = viewFromHash(location.hash);
    if (view) store.update({ view });
  });

  // ---------- keyboard ----------
  const move = (by: 1 | -1) => {
    const rows = list.items();
    if (!rows.length) return;
    const at = rows.findIndex((row) => row.contains(document.activeElement));
    const next = rows[at === -1 ? (by === 1 ? 0 : rows.length - 1) : at + by];
    next?.focus();
  };
  const focusedTask = (): Task | undefined => {
    const row = document.activeElement?.closest<HTMLElement>('li.task');
    return store.get().tasks.find((task) => task.id === row?.dataset.taskId);
  };
  installShortcuts((action: ShortcutAction) => {
    const task = focusedTask();
    switch (action.kind) {
      case 'new-task':
        return document.getElementById('quick-add')?.focus();
      case 'search':
        return filters.focusSearch();
      case 'move':
        return move(action.by);
      case 'view':
        location.hash = `#/${action.view}`;
        return;
      case 'help':
        return openShortcutHelp();
      case 'complete':
        if (!task) return;
        return task.status === 'completed' || task.status === 'skipped'
          ? actions.reopen(task)
          : actions.complete(task);
      case 'start':
        if (task && (task.status === 'pending' || task.status === 'in_progress'))
          actions.start(task, task.status === 'pending');
        return;
      case 'edit':
        if (task) openEditor(task);
        return;
    }
  });

  // ---------- the page ----------
  clear(root);
  root.append(
    h(
      'header',
      { class: 'top' },
      h('h1', {}, 'Todo Chatbot'),
      who,
      h('a', { href: '/inspector.html#me', class: 'top-link' }, 'Actor inspector'),
      h(
        'button',
        {
          type: 'button',
          class: 'shortcuts-button',
          'aria-haspopup': 'dialog',
          'aria-keyshortcuts': '?',
          onclick: openShortcutHelp,
        },
        'Shortcuts',
      ),
      settingsButton((saved) =>
        store.update({ displayName: saved.display_name, timeZone: saved.time_zone }),
      ),
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            await logout();
            location.reload();
          },
        },
        'Log out',
      ),
    ),
    h(
      'main',
      { class: 'layout' },
      h('aside', { class: 'navigation' }, tabs.element, filters.element),
      h(
        'section',
        { class: 'list', 'aria-labelledby': 'list-title' },
        listTitle,
        renderQuickAdd(() => refresh(0)),
        list.element,
      ),
      h(
        'div',
        { class: 'side' },
        editorHost,
        chatPanel(() => refresh(0)),
      ),
    ),
  );
  tabs.render(store.get());
  filters.render(store.get());
  drawList(store.get());
  openEditor();
  refresh(0);

  await connectLive(
    (event: EventEnvelope) => {
      seen.set(event.task_id, {
        version: Math.max(event.version, seen.get(event.task_id)?.version ?? 0),
        deleted: event.event_type === 'task.deleted',
      });
      catchUpTries = 0;
      if (event.event_type === 'reminder.due') reminderToast(event.data as ReminderDue);
      refresh();
    },
    () => refresh(0),
  );
  setInterval(() => store.update((state) => ({ minute: state.minute + 1 })), 60_000);

  type ReminderDue = { task: Task; reminder: Reminder };
  /** A reminder of the user fell due: a toast with its snoozes. */
  function reminderToast({ task, reminder }: ReminderDue): void {
    const snooze = (label: string, duration: string, words: string) => ({
      label,
      name: `Snooze ${task.title} for ${words}`,
      run: async () => {
        const updated = await api<Task>(
          'POST',
          `/tasks/${task.id}/reminders/${encodeURIComponent(reminder.id)}/snooze`,
          { for: duration },
        );
        const until = updated.reminders.find((r) => r.id === reminder.id)?.snoozed_until;
        return until
          ? `Snoozed “${task.title}” until ${timeOfDay(until, store.get().timeZone)}.`
          : `Snoozed “${task.title}”.`;
      },
    });
    toast(`Reminder: ${task.title}`, 'reminder', [
      snooze('10 min', 'PT10M', '10 minutes'),
      snooze('1 hour', 'PT1H', '1 hour'),
      snooze('Tomorrow', 'P1D', '1 day'),
    ]);
  }
}
