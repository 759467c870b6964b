import type { ChatResponse } from '../../schemas/chat.ts';
import type { EventEnvelope } from '../../schemas/events.ts';
import type { Task } from '../../schemas/task.ts';
import { api, ApiProblem, loadSession, logout, saveSession, type Session } from './api.ts';
import { clear, h } from './dom.ts';
import { dueCountdown, instantFromLocalInput, splitTags } from './format.ts';
import { renderEditor } from './editor/editor-view.ts';
import { behind, type Seen } from './catch-up.ts';
import { connectLive } from './live.ts';
import { renderQuickAdd } from './quick-add.ts';
import { settingsButton } from './settings.ts';

const root = document.getElementById('app')!;
const toasts = document.getElementById('toasts')!;

function toast(message: string, kind: 'info' | 'reminder' | 'error' = 'info'): void {
  const item = h('div', { class: `toast toast-${kind}` }, message);
  toasts.append(item);
  setTimeout(() => item.remove(), 6000);
}

const problemText = (error: unknown) =>
  error instanceof ApiProblem
    ? `${error.message}${error.fields.length ? `: ${error.fields.map((f) => `${f.path} ${f.message}`).join('; ')}` : ''}`
    : String(error);

// ---------- sign-up / log-in ----------
function renderAuth(): void {
  let mode: 'login' | 'signup' = 'login';
  const error = h('p', { class: 'error', role: 'alert' });
  const email = h('input', {
    id: 'auth-email',
    type: 'email',
    required: true,
    autocomplete: 'email',
  });
  const password = h('input', {
    id: 'auth-password',
    type: 'password',
    required: true,
    minlength: 8,
    autocomplete: 'current-password',
  });
  const name = h('input', { id: 'auth-name', autocomplete: 'name' });
  const nameRow = h('p', { hidden: true }, h('label', { for: 'auth-name' }, 'Your name'), name);
  const submit = h('button', { type: 'submit' }, 'Log in');
  const toggle = h('button', { type: 'button', class: 'link' }, 'No account? Sign up');
  toggle.addEventListener('click', () => {
    mode = mode === 'login' ? 'signup' : 'login';
    submit.textContent = mode === 'login' ? 'Log in' : 'Sign up';
    toggle.textContent = mode === 'login' ? 'No account? Sign up' : 'Have an account? Log in';
    nameRow.hidden = mode === 'login';
  });
  const form = h(
    'form',
    { class: 'auth', 'aria-labelledby': 'auth-title' },
    h('h1', { id: 'auth-title' }, 'Todo Chatbot'),
    h('p', {}, h('label', { for: 'auth-email' }, 'E-mail'), email),
    h('p', {}, h('label', { for: 'auth-password' }, 'Password'), password),
    nameRow,
    error,
    h('p', {}, submit, ' ', toggle),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      const body =
        mode === 'signup'
          ? {
              email: email.value,
              password: password.value,
              time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
              ...(name.value ? { display_name: name.value } : {}),
            }
          : { email: email.value, password: password.value };
      saveSession(await api<Session>('POST', `/auth/${mode}`, body));
      void start();
    } catch (failure) {
      error.textContent = problemText(failure);
    }
  });
  clear(root);
  root.append(h('main', {}, form));
  email.focus();
}

// ---------- the task page ----------
interface Filters {
  status: string[];
  priority: string[];
  tags: string;
  q: string;
  due_from: string;
  due_to: string;
  sort: string;
  order: string;
}

const filters: Filters = {
  status: ['pending', 'in_progress'],
  priority: [],
  tags: '',
  q: '',
  due_from: '',
  due_to: '',
  sort: 'due',
  order: 'asc',
};
let tasks: Task[] = [];
let conversationId: string | undefined;
const list = h('ul', { class: 'tasks', 'aria-label': 'Tasks', 'aria-live': 'polite' });
const formHost = h('section', { class: 'editor', 'aria-labelledby': 'editor-title' });

function query(): string {
  const params = new URLSearchParams({ sort: filters.sort, order: filters.order, limit: '100' });
  if (filters.status.length) params.set('status', filters.status.join(','));
  if (filters.priority.length) params.set('priority', filters.priority.join(','));
  if (filters.tags.trim()) params.set('tags', splitTags(filters.tags).join(','));
  if (filters.q.trim()) params.set('q', filters.q.trim());
  const from = instantFromLocalInput(filters.due_from);
  const to = instantFromLocalInput(filters.due_to);
  if (from) params.set('due_from', from);
  if (to) params.set('due_to', to);
  return params.toString();
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
/** Live events since the list last caught up with them, and how often it has tried since. */
const seen = new Map<string, Seen>();
let catchUpTries = 0;
/**
 * Refetches the list (debounced): after every change and every live event. When the read model
 * has not caught up with the events yet, it tries again a little later: four times, within four
 * seconds, at most.
 */
function refresh(delay = 120): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    try {
      tasks = (await api<{ items: Task[] }>('GET', `/tasks?${query()}`)).items;
      renderList();
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

function renderList(): void {
  clear(list);
  if (tasks.length === 0) list.append(h('li', { class: 'empty' }, 'No tasks here.'));
  const now = new Date();
  for (const task of tasks) {
    // A skipped occurrence is closed like a completed one; the check reopens either.
    const done = task.status === 'completed' || task.status === 'skipped';
    const skipped = task.status === 'skipped';
    const due = task.due_at ? dueCountdown(task.due_at, now, done) : undefined;
    list.append(
      h(
        'li',
        {
          class: `task${done ? ' done' : ''}${due?.overdue ? ' overdue' : ''}`,
          'data-task-id': task.id,
        },
        h(
          'button',
          {
            class: 'check',
            'aria-label': done ? `Reopen ${task.title}` : `Complete ${task.title}`,
            'aria-pressed': done ? 'true' : 'false',
            onclick: () =>
              act(() => api('POST', `/tasks/${task.id}/${done ? 'reopen' : 'complete'}`)),
          },
          done ? '✓' : '',
        ),
        h(
          'div',
          { class: 'body' },
          h('span', { class: 'title' }, task.title),
          h('span', { class: `badge priority-${task.priority}` }, task.priority),
          task.recurrence
            ? h('span', { class: 'badge recurring', title: task.recurrence.rrule }, '↻ repeats')
            : null,
          skipped ? h('span', { class: 'badge skipped' }, 'skipped') : null,
          ...task.tags.map((tag) => h('span', { class: 'chip' }, `#${tag}`)),
          due
            ? h(
                'span',
                {
                  class: `due${due.overdue ? ' is-overdue' : ''}`,
                  title: new Date(task.due_at!).toLocaleString(),
                },
                due.text,
              )
            : null,
        ),
        h(
          'button',
          { class: 'small', 'aria-label': `Edit ${task.title}`, onclick: () => openEditor(task) },
          'Edit',
        ),
        task.recurrence && !done
          ? h(
              'button',
              {
                class: 'small',
                'aria-label': `Skip ${task.title}`,
                title: 'Skip this occurrence; the series goes on',
                onclick: () => act(() => api('POST', `/tasks/${task.id}/skip`)),
              },
              'Skip',
            )
          : null,
        h(
          'button',
          {
            class: 'small danger',
            'aria-label': `Delete ${task.title}`,
            onclick: () =>
              confirm(
                task.recurrence
                  ? `Delete this occurrence of “${task.title}”? The series goes on.`
                  : `Delete “${task.title}”?`,
              ) && act(() => api('DELETE', `/tasks/${task.id}`)),
          },
          'Delete',
        ),
        h(
          'a',
          {
            class: 'small',
            href: `/inspector.html#task/${task.id}`,
            'aria-label': `Inspect ${task.title}`,
          },
          'Inspect',
        ),
      ),
    );
  }
}

async function act(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
    refresh(0);
  } catch (failure) {
    toast(problemText(failure), 'error');
  }
}

let userTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The editor: a task's (from its Edit button), or a new task's. */
function openEditor(task?: Task): void {
  renderEditor(formHost, {
    task,
    userTimeZone,
    problemText,
    done: (message) => {
      if (message) toast(message);
      openEditor();
      refresh(0);
    },
  });
}

function renderFilters(): HTMLElement {
  const check = (group: 'status' | 'priority', value: string, label: string) => {
    const id = `filter-${group}-${value}`;
    const box = h('input', { id, type: 'checkbox', checked: filters[group].includes(value) });
    box.addEventListener('change', () => {
      filters[group] = box.checked
        ? [...filters[group], value]
        : filters[group].filter((v) => v !== value);
      refresh();
    });
    return h('span', { class: 'check-label' }, box, h('label', { for: id }, label));
  };
  const text = (key: 'q' | 'tags', label: string, type = 'search') => {
    const input = h('input', { id: `filter-${key}`, type, value: filters[key] });
    input.addEventListener('input', () => {
      filters[key] = input.value;
      refresh(250);
    });
    return h('p', {}, h('label', { for: `filter-${key}` }, label), input);
  };
  const date = (key: 'due_from' | 'due_to', label: string) => {
    const input = h('input', { id: `filter-${key}`, type: 'datetime-local', value: filters[key] });
    input.addEventListener('change', () => {
      filters[key] = input.value;
      refresh();
    });
    return h('p', {}, h('label', { for: `filter-${key}` }, label), input);
  };
  const sort = h(
    'select',
    { id: 'filter-sort' },
    ...['due', 'priority', 'created', 'updated', 'title'].map((s) =>
      h('option', { value: s, selected: filters.sort === s }, s),
    ),
  );
  sort.addEventListener('change', () => {
    filters.sort = sort.value;
    refresh();
  });
  const order = h(
    'select',
    { id: 'filter-order' },
    h('option', { value: 'asc' }, 'ascending'),
    h('option', { value: 'desc' }, 'descending'),
  );
  order.addEventListener('change', () => {
    filters.order = order.value;
    refresh();
  });
  return h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': 'Filter tasks',
      onsubmit: (event: Event) => event.preventDefault(),
    },
    text('q', 'Search tasks'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Status'),
      check('status', 'pending', 'pending'),
      check('status', 'in_progress', 'in progress'),
      check('status', 'completed', 'completed'),
      check('status', 'skipped', 'skipped'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Priority'),
      ...['urgent', 'high', 'medium', 'low'].map((p) => check('priority', p, p)),
    ),
    text('tags', 'Filter by tags', 'text'),
    date('due_from', 'Due after'),
    date('due_to', 'Due before'),
    h(
      'p',
      {},
      h('label', { for: 'filter-sort' }, 'Sort by'),
      sort,
      h('label', { for: 'filter-order', class: 'visually-hidden' }, 'Order'),
      order,
    ),
  );
}

function renderChat(): HTMLElement {
  // Focusable: the log scrolls, and a keyboard must be able to scroll it.
  const log = h('ol', {
    class: 'chat-log',
    'aria-live': 'polite',
    'aria-label': 'Conversation',
    tabindex: 0,
  });
  const input = h('input', {
    id: 'chat-input',
    autocomplete: 'off',
    placeholder: 'add pay rent on the 1st of every month #home',
  });
  const form = h(
    'form',
    { class: 'chat-form' },
    h('label', { for: 'chat-input', class: 'visually-hidden' }, 'Message'),
    input,
    h('button', { type: 'submit' }, 'Send'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    input.value = '';
    log.append(h('li', { class: 'from-user' }, message));
    try {
      const reply = await api<ChatResponse>('POST', '/chat', {
        message,
        ...(conversationId ? { conversation_id: conversationId } : {}),
      });
      conversationId = reply.conversation_id;
      log.append(h('li', { class: 'from-agent' }, reply.reply));
      if (reply.tool_calls.some((call) => call.name !== 'list_tasks')) refresh(0);
    } catch (failure) {
      log.append(h('li', { class: 'from-agent error' }, problemText(failure)));
    }
    log.lastElementChild?.scrollIntoView({ block: 'end' });
  });
  return h(
    'section',
    { class: 'chat', 'aria-labelledby': 'chat-title' },
    h('h2', { id: 'chat-title' }, 'Chat'),
    log,
    form,
  );
}

async function start(): Promise<void> {
  const session = loadSession();
  if (!session) return renderAuth();
  let me: { display_name: string; time_zone: string };
  try {
    me = await api<{ display_name: string; time_zone: string }>('GET', '/me');
    userTimeZone = me.time_zone;
  } catch {
    saveSession(undefined);
    return renderAuth();
  }
  clear(root);
  const who = h('span', { class: 'who' }, me.display_name);
  root.append(
    h(
      'header',
      { class: 'top' },
      h('h1', {}, 'Todo Chatbot'),
      who,
      h('a', { href: '/inspector.html#me' }, 'Actor inspector'),
      settingsButton((profile) => {
        who.textContent = profile.display_name;
        userTimeZone = profile.time_zone;
      }),
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
      h('aside', {}, renderFilters()),
      h(
        'section',
        { class: 'list', 'aria-labelledby': 'list-title' },
        h('h2', { id: 'list-title' }, 'Tasks'),
        renderQuickAdd(() => refresh(0)),
        list,
      ),
      h('div', { class: 'side' }, formHost, renderChat()),
    ),
  );
  openEditor();
  refresh(0);
  await connectLive(
    (event: EventEnvelope) => {
      seen.set(event.task_id, {
        version: Math.max(event.version, seen.get(event.task_id)?.version ?? 0),
        deleted: event.event_type === 'task.deleted',
      });
      catchUpTries = 0;
      if (event.event_type === 'reminder.due') {
        const data = event.data as { task: Task };
        toast(`Reminder: ${data.task.title}`, 'reminder');
      }
      refresh();
    },
    () => refresh(0),
  );
  setInterval(() => renderList(), 60_000);
}

void start();
