import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { apiAs } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

const stack = inject('stack');

/** The JSON log lines of one process of the stack. */
const logLines = (name: string): Record<string, unknown>[] =>
  readFileSync(join(stack.logDir, `${name}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('observability', () => {
  it('follows one request’s correlation id through gateway, actor host, consumers and realtime', async () => {
    const correlationId = `trace-${randomUUID()}`;
    const api = await apiAs(`observed-${randomUUID()}`);
    const created = await api.post(
      '/tasks',
      { title: 'observed' },
      { 'x-correlation-id': correlationId },
    );
    expect(created.status).toBe(201);

    const seen = await eventually('the correlation id in every log', async () => {
      const find = (name: string, message: string) =>
        logLines(name).find(
          (line) => line.correlation_id === correlationId && line.message === message,
        );
      const lines = {
        gateway: find('todo-gateway', 'request'),
        actor: find('todo-actors', 'task command'),
        projector: find('todo-projector', 'event handled'),
        audit: find('todo-audit', 'event handled'),
        realtime:
          find('todo-realtime-1', 'event handled') ?? find('todo-realtime-2', 'event handled'),
      };
      return Object.values(lines).every(Boolean) ? lines : undefined;
    });
    expect(seen.gateway).toMatchObject({
      service: 'todo-gateway',
      method: 'POST',
      route: '/api/v1/tasks/',
      status: 201,
      level: 'info',
    });
    expect(seen.actor).toMatchObject({
      service: 'todo-actors',
      command: 'create',
      events: ['task.created'],
      version: 1,
    });
    expect(seen.projector).toMatchObject({ topic: 'task-events', event_type: 'task.created' });
    expect(seen.realtime).toMatchObject({ service: 'todo-realtime', topic: 'task-events' });
  });

  it.each([
    [
      'todo-gateway',
      [
        'http_server_request_duration_seconds',
        'dapr_client_request_duration_seconds',
        'process_cpu_seconds_total',
      ],
    ],
    [
      'todo-actors',
      [
        'dapr_client_request_duration_seconds_count{operation="publish:task-events"',
        'http_server_request_duration_seconds',
      ],
    ],
    [
      'todo-projector',
      ['projection_lag_seconds', 'pubsub_event_age_seconds', 'pubsub_deliveries_total'],
    ],
    ['todo-audit', ['pubsub_deliveries_total', 'pubsub_event_age_seconds']],
    ['todo-notifier-1', ['notifications_total', 'pubsub_deliveries_total']],
    [
      'todo-realtime-1',
      ['realtime_connections', 'realtime_emit_delay_seconds', 'pubsub_deliveries_total'],
    ],
  ] as const)('%s exposes its metrics', async (name, metrics) => {
    const text = await (await fetch(`http://127.0.0.1:${stack.apps[name].appPort}/metrics`)).text();
    for (const metric of metrics) expect(text, metric).toContain(metric);
  });
});
