import { api } from './core/api.ts';
import { dataTable } from './components/data-table.ts';
import { pageShell } from './components/page-shell.ts';
import { h } from './core/dom.ts';

/**
 * The actor inspector: one of your actors as it is now — its state, the reminders the Dapr
 * scheduler holds for it, its recent events — and the actor host's active actors per type.
 * #task/<id> shows a TaskActor, #me your UserActor.
 */
const root = document.getElementById('app')!;

async function show(): Promise<void> {
  const main = pageShell(root, 'Actor inspector');
  if (!main) return;
  const hash = location.hash.slice(1);
  const taskId = hash.startsWith('task/') ? hash.slice(5) : undefined;
  const form = h(
    'form',
    { class: 'inspect-form' },
    h('label', { for: 'inspect-id' }, 'Task id'),
    h('input', {
      id: 'inspect-id',
      value: taskId ?? '',
      placeholder: 'a task id, or empty for your UserActor',
    }),
    h('button', { type: 'submit' }, 'Inspect'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (form.querySelector('#inspect-id') as HTMLInputElement).value.trim();
    location.hash = value ? `task/${value}` : 'me';
  });
  main.append(form);
  try {
    const data = await api<{
      actor: { type: string; id: string };
      state: Record<string, unknown>;
      reminders?: Record<string, unknown>[];
      series_reminder?: unknown;
      pending_effects?: Record<string, unknown>[];
      events?: Record<string, unknown>[];
      actor_types: { type: string; count: number }[];
    }>('GET', taskId ? `/inspect/tasks/${encodeURIComponent(taskId)}` : '/inspect/me');
    main.append(
      h(
        'section',
        { 'aria-labelledby': 'actor-title' },
        h('h2', { id: 'actor-title' }, `${data.actor.type} ${data.actor.id}`),
        h('h3', {}, 'State'),
        h('pre', { class: 'state', tabindex: 0 }, JSON.stringify(data.state, null, 2)),
        data.reminders
          ? [
              h('h3', {}, 'Reminders (task state and the scheduler)'),
              dataTable(data.reminders, [
                'id',
                'fire_at',
                'fired_at',
                'scheduler_name',
                'scheduled',
              ]),
            ]
          : null,
        data.series_reminder !== undefined
          ? [
              h('h3', {}, 'Series reminder (moves the series on at the due time)'),
              h(
                'pre',
                { class: 'series-reminder', tabindex: 0 },
                JSON.stringify(data.series_reminder, null, 2),
              ),
            ]
          : null,
        data.pending_effects
          ? [
              h('h3', {}, 'Pending effects (saved, not yet done)'),
              data.pending_effects.length
                ? dataTable(data.pending_effects, ['kind', 'topic', 'event_type'])
                : h('p', {}, 'none'),
            ]
          : null,
        data.events
          ? [
              h('h3', {}, 'Recent events'),
              dataTable(data.events, [
                'version',
                'event_type',
                'topic',
                'occurred_at',
                'correlation_id',
              ]),
            ]
          : null,
      ),
      h(
        'section',
        { 'aria-labelledby': 'types-title' },
        h('h2', { id: 'types-title' }, 'Active actors on the host'),
        dataTable(data.actor_types, ['type', 'count']),
      ),
    );
  } catch (failure) {
    main.append(
      h(
        'p',
        { class: 'error', role: 'alert' },
        failure instanceof Error ? failure.message : String(failure),
      ),
    );
  }
}

window.addEventListener('hashchange', () => void show());
void show();
