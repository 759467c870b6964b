import type {
  InspectableActorType,
  OperatorActorView,
  OperatorHostsView,
} from '../../schemas/operator.ts';
import { dataTable } from './components/data-table.ts';
import { pageShell } from './components/page-shell.ts';
import { api, ApiProblem } from './core/api.ts';
import { h } from './core/dom.ts';

/**
 * The operator view (docs/SECURITY.md, "Operators"): any actor — the host that holds it, its
 * state, its scheduler reminders and pending effects — and the active actors of every actor
 * host. The server decides who is an operator: for anyone else it shows what the server says.
 * #TaskActor/<id> or #UserActor/<id> shows an actor.
 */
const root = document.getElementById('app')!;
/** The server's inspectable types (schemas/operator.ts): a type missing here does not compile. */
const ACTOR_TYPES = Object.keys({
  TaskActor: true,
  UserActor: true,
} satisfies Record<InspectableActorType, true>) as InspectableActorType[];
const [DEFAULT_ACTOR_TYPE] = ACTOR_TYPES as [InspectableActorType];

const failureText = (failure: unknown) =>
  failure instanceof ApiProblem && failure.code === 'operator_only'
    ? 'This page is for operators. Your account is not one.'
    : failure instanceof Error
      ? failure.message
      : String(failure);

const errorLine = (failure: unknown) =>
  h('p', { class: 'error', role: 'alert' }, failureText(failure));

function actorForm(type: string, id: string): HTMLFormElement {
  const form = h(
    'form',
    { class: 'inspect-form' },
    h('label', { for: 'operator-type' }, 'Actor type'),
    h(
      'select',
      { id: 'operator-type' },
      ...ACTOR_TYPES.map((name) =>
        h('option', { value: name, ...(name === type ? { selected: '' } : {}) }, name),
      ),
    ),
    h('label', { for: 'operator-id' }, 'Actor id'),
    h('input', { id: 'operator-id', value: id, placeholder: 'a task id or a user id' }),
    h('button', { type: 'submit' }, 'Inspect'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = (form.querySelector('#operator-type') as HTMLSelectElement).value;
    const value = (form.querySelector('#operator-id') as HTMLInputElement).value.trim();
    if (value) location.hash = `${chosen}/${encodeURIComponent(value)}`;
  });
  return form;
}

const hostsSection = (view: OperatorHostsView) =>
  h(
    'section',
    { 'aria-labelledby': 'hosts-title' },
    h('h2', { id: 'hosts-title' }, 'Actor hosts'),
    view.hosts.length
      ? dataTable(
          view.hosts.map((host) => ({
            instance: host.instance,
            app_id: host.app_id,
            active_actors: host.active_actors
              .map((actors) => `${actors.type}: ${actors.count}`)
              .join(', '),
            reported_at: host.reported_at,
          })),
          ['instance', 'app_id', 'active_actors', 'reported_at'],
        )
      : h('p', {}, 'No actor host reported lately.'),
  );

const actorSection = (view: OperatorActorView) =>
  h(
    'section',
    { 'aria-labelledby': 'actor-title' },
    h('h2', { id: 'actor-title' }, `${view.actor.type} ${view.actor.id}`),
    h('p', { class: 'actor-host' }, `Held by ${view.host.instance} (${view.host.app_id})`),
    h('h3', {}, 'State'),
    view.state
      ? h('pre', { class: 'state', tabindex: 0 }, JSON.stringify(view.state, null, 2))
      : h('p', {}, 'none: this actor has no state'),
    h('h3', {}, 'Reminders the scheduler holds'),
    view.scheduled_reminders.length
      ? dataTable(view.scheduled_reminders, ['name', 'reminder'])
      : h('p', {}, 'none'),
    h('h3', {}, 'Pending effects (saved, not yet done)'),
    view.pending_effects.length
      ? dataTable(view.pending_effects, ['kind', 'topic', 'event_type'])
      : h('p', {}, 'none'),
  );

async function show(): Promise<void> {
  const main = pageShell(root, 'Operator view');
  if (!main) return;
  const [type = DEFAULT_ACTOR_TYPE, id = ''] = location.hash.slice(1).split('/');
  let hosts: OperatorHostsView;
  try {
    hosts = await api<OperatorHostsView>('GET', '/operator/hosts');
  } catch (failure) {
    // Not an operator (or the server is away): nothing else to show.
    main.append(errorLine(failure));
    return;
  }
  main.append(actorForm(type, decodeURIComponent(id)));
  if (id) {
    try {
      main.append(
        actorSection(
          await api<OperatorActorView>(
            'GET',
            `/operator/actors/${encodeURIComponent(type)}/${encodeURIComponent(decodeURIComponent(id))}`,
          ),
        ),
      );
    } catch (failure) {
      main.append(errorLine(failure));
    }
  }
  main.append(hostsSection(hosts));
}

window.addEventListener('hashchange', () => void show());
void show();
