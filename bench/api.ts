/**
 * API benchmark: create, get, complete and list through the gateway (JWT, actors, Dapr, Kafka,
 * projection) at increasing concurrency, and the same create and list through a plain Express + pg
 * baseline in the same run. Also: event latency (occurred → projected), completion of a
 * recurring task → its next occurrence readable, and reminder lateness. Prints a table, writes
 * bench/results/api.json and the latency chart bench/results/api-latency.svg.
 *
 *   npm run bench:api [-- --duration 8 --levels 1,8,32,64]
 *
 * `--rates 50,100,150,200,250` then offers creates at each fixed rate in turn (open loop, bench/
 * open-loop.ts, `--open-seconds` each, stopping after the first rate whose p99 passes 250 ms):
 * latency at a given load, event → read model and event → Socket.IO receipt; `--rates ''` skips it.
 *
 * `--actor-hosts N` runs N actor hosts instead of the default profile's one and writes
 * bench/results/api-hosts-N.json instead (the model's measured point in docs/SCALING.md).
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { createApiClient, dataOf } from '../client/api-client.ts';
import { signAccessToken } from '../platform/auth/tokens.ts';
import { freePort } from '../stack/ports.ts';
import { cpuPerRequest, cpuSnapshot, idleCpuPerSecond } from './cpu.ts';
import { repoRoot } from '../stack/paths.ts';
import { latencyChart } from './chart.ts';
import { cpuByApp } from './capacity-model.ts';
import { openLoopBench, type OpenLoopRow } from './open-loop.ts';
import { benchStack, percentiles, pool, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    levels: { type: 'string', default: '1,8,32,64' },
    'actor-hosts': { type: 'string' },
    rates: { type: 'string', default: '50,100,150,200,250' },
    'open-seconds': { type: 'string', default: '10' },
  },
});
const openRates = values.rates.split(',').filter(Boolean).map(Number);
/** The open loop's latency bound: the highest offered rate that keeps p99 within it is reported. */
const OPEN_LOOP_P99_MS = 250;
const duration = Number(values.duration);
const levels = values.levels.split(',').map(Number);
const actorHosts = values['actor-hosts'] === undefined ? undefined : Number(values['actor-hosts']);
const resultName = actorHosts === undefined ? 'api' : `api-hosts-${actorHosts}`;
const USERS = 64;

const stack = await benchStack(resultName, { RATE_LIMIT_PER_MINUTE: '100000000' }, { actorHosts });
const baselinePort = await freePort();
const baseline = fork(join(repoRoot, 'bench', 'baseline', 'server.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    PORT: String(baselinePort),
    BASELINE_POSTGRES_URL: stack.info.postgresUrl,
  },
});
await once(baseline, 'message');

type Row = {
  target: string;
  operation: string;
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  requests: number;
  /** CPU milliseconds one request cost, by process (a process with its children), gateway only. */
  cpu_ms_per_request?: Record<string, number>;
  /** The same by app, replicas and sidecars summed (`todo-actors-1…n` are one role). */
  cpu_ms_per_request_by_app?: Record<string, number>;
};
const rows: Row[] = [];
const roundedByApp = (byProcess: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(cpuByApp(byProcess)).map(([app, ms]) => [app, Math.round(ms * 100) / 100]),
  );

try {
  const tokens = await Promise.all(
    Array.from({ length: USERS }, (_, i) =>
      signAccessToken(stack.info.secrets['jwt-secret'], `bench-${i}`, '2h'),
    ),
  );
  const gateway = stack.info.gatewayUrl;
  // Seeding and checks go through the API's one client; autocannon sends the measured load.
  const clients = tokens.map((token) => createApiClient({ baseUrl: `${gateway}/api/v1`, token }));
  const clientOf = (i: number) => clients[i % USERS]!;
  const headersOf = (i: number) => ({
    authorization: `Bearer ${tokens[i % USERS]}`,
    'content-type': 'application/json',
    'x-user': `bench-${i % USERS}`,
  });

  // Tasks to get and complete: 20 per user.
  const existing: { id: string; user: number }[] = [];
  await pool(
    Array.from({ length: USERS * 20 }, (_, i) => i),
    16,
    async (i) => {
      const task = await dataOf(clientOf(i).POST('/tasks', { body: { title: `seed ${i}` } }));
      existing.push({ id: task.id, user: i % USERS });
    },
  );

  // What the stack burns with no request in flight (sidecars, brokers, pollers): at a low
  // throughput it is a visible part of CPU per request, and every host added brings its own.
  await sleep(5_000);
  const idleByProcess = await idleCpuPerSecond(stack.pids(), 10);
  const idleCpuMsPerSecond = {
    ...roundedByApp(idleByProcess),
    total: idleByProcess.total!,
  };
  console.log(`idle CPU ms per second: ${JSON.stringify(idleCpuMsPerSecond)}`);

  const loadBefore = loadavg().map((load) => Math.round(load * 100) / 100);
  const run = async (
    target: string,
    operation: string,
    connections: number,
    url: string,
    request: (i: number) => {
      method: 'GET' | 'POST';
      path: string;
      body?: string;
      headers: Record<string, string>;
    },
  ) => {
    let counter = 0;
    const cpuBefore = target === 'gateway' ? cpuSnapshot(stack.pids()) : undefined;
    const result = await autocannon({
      url,
      connections,
      duration,
      requests: [
        {
          setupRequest: (req) => {
            const next = request(counter++);
            return {
              ...req,
              method: next.method,
              path: next.path,
              body: next.body,
              headers: next.headers,
            };
          },
        },
      ],
    });
    const row: Row = {
      target,
      operation,
      connections,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p95: result.latency.p97_5 ?? result.latency.p99,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      requests: result.requests.total,
    };
    if (cpuBefore) {
      row.cpu_ms_per_request = cpuPerRequest(cpuBefore, result.requests.total);
      row.cpu_ms_per_request_by_app = roundedByApp(row.cpu_ms_per_request);
    }
    rows.push(row);
    console.log(
      `${target.padEnd(9)} ${operation.padEnd(9)} c=${String(connections).padStart(3)}  ${String(row.rps).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}`,
    );
    if (row.cpu_ms_per_request_by_app && row.cpu_ms_per_request) {
      const top = Object.entries(row.cpu_ms_per_request_by_app)
        .sort((a, b) => b[1] - a[1])
        .concat([['total', row.cpu_ms_per_request.total!]])
        .map(([name, ms]) => `${name} ${ms}`)
        .join(', ');
      console.log(`          CPU ms per request: ${top}`);
    }
  };

  for (const connections of levels) {
    await run('gateway', 'create', connections, gateway, (i) => ({
      method: 'POST',
      path: '/api/v1/tasks',
      body: JSON.stringify({ title: `bench ${i}`, priority: 'high' }),
      headers: headersOf(i),
    }));
    await run('baseline', 'create', connections, `http://127.0.0.1:${baselinePort}`, (i) => ({
      method: 'POST',
      path: '/tasks',
      body: JSON.stringify({ title: `bench ${i}`, priority: 'high' }),
      headers: headersOf(i),
    }));
    await run('gateway', 'get', connections, gateway, (i) => {
      const task = existing[i % existing.length]!;
      return { method: 'GET', path: `/api/v1/tasks/${task.id}`, headers: headersOf(task.user) };
    });
    await run('gateway', 'complete', connections, gateway, (i) => {
      const task = existing[i % existing.length]!;
      return {
        method: 'POST',
        path: `/api/v1/tasks/${task.id}/complete`,
        headers: headersOf(task.user),
      };
    });
    await run('gateway', 'list', connections, gateway, (i) => ({
      method: 'GET',
      path: '/api/v1/tasks?limit=20&sort=created&order=desc',
      headers: headersOf(i),
    }));
    await run('baseline', 'list', connections, `http://127.0.0.1:${baselinePort}`, (i) => ({
      method: 'GET',
      path: '/tasks',
      headers: headersOf(i),
    }));
  }

  // Event latency: occurred → projected into task_view, for everything created above.
  const db = new pg.Pool({ connectionString: stack.info.postgresUrl, max: 2 });
  await sleep(3_000);
  const { rows: lags } = await db.query<{ ms: number }>(
    "select extract(epoch from (projected_at - (task->>'updated_at')::timestamptz)) * 1000 as ms from task_view",
  );
  const eventLatency = percentiles(lags.map((row) => Number(row.ms)));

  // Recurrence: complete → the next occurrence readable through the API.
  const recurrence: number[] = [];
  for (let i = 0; i < 20; i++) {
    const api = clientOf(i);
    const task = await dataOf(
      api.POST('/tasks', {
        body: {
          title: `weekly ${i}`,
          due_at: new Date(Date.now() + 86_400_000).toISOString(),
          recurrence: { frequency: 'weekly' },
        },
      }),
    );
    const started = performance.now();
    await api.POST('/tasks/{id}/complete', { params: { path: { id: task.id } } });
    const { items } = await dataOf(
      api.GET('/tasks/{id}/history', { params: { path: { id: task.id } } }),
    );
    // An entry's data is the event's own (the history types it per event, not per field).
    const next = (item: { data: unknown }) => (item.data as { next?: { task_id: string } }).next;
    const nextId = items.map(next).find(Boolean)?.task_id;
    for (let attempt = 0; attempt < 500 && nextId; attempt++) {
      // Not there yet is a 404 until the actor has created it: read the status, not a problem.
      if ((await api.raw('GET', `/tasks/${nextId}`)).status === 200) break;
      await sleep(5);
    }
    recurrence.push(performance.now() - started);
  }

  // Reminder lateness: 20 reminders 3 s ahead; fired_at − fire_at from the tasks.
  const reminderTasks = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const task = await dataOf(
        clientOf(i).POST('/tasks', {
          body: {
            title: `remind ${i}`,
            reminders: [{ at: new Date(Date.now() + 3_000).toISOString() }],
          },
        }),
      );
      return { id: task.id, user: i };
    }),
  );
  await sleep(6_000);
  const lateness: number[] = [];
  for (const task of reminderTasks) {
    const body = await dataOf(
      clientOf(task.user).GET('/tasks/{id}', { params: { path: { id: task.id } } }),
    );
    const reminder = body.reminders[0];
    if (reminder?.fired_at && reminder.fire_at)
      lateness.push(Date.parse(reminder.fired_at) - Date.parse(reminder.fire_at));
  }

  // Open loop: creates offered at fixed rates, with the event paths measured in the same window.
  const openRuns: OpenLoopRow[] = [];
  if (openRates.length > 0) {
    const open = await openLoopBench({
      gateway,
      realtimeUrls: stack
        .replicas('todo-realtime')
        .map((name) => `http://127.0.0.1:${stack.info.apps[name].appPort}`),
      tokens,
      db,
      seconds: Number(values['open-seconds']),
    });
    try {
      for (const rate of openRates) {
        const row = await open.run(rate);
        openRuns.push(row);
        console.log(
          `open loop ${String(rate).padStart(4)}/s offered, ${row.achieved_rps}/s done: p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}; event → read model p99 ${row.event_to_read_model_ms.p99} ms, → socket p99 ${row.event_to_socket_ms.p99} ms`,
        );
        if (row.p99 > OPEN_LOOP_P99_MS || row.errors > 0) break;
        await sleep(2_000);
      }
    } finally {
      open.close();
    }
  }
  const holding = openRuns.filter((row) => row.p99 <= OPEN_LOOP_P99_MS && row.errors === 0);
  await db.end();

  const ratio = (operation: string, connections: number) => {
    const ours = rows.find(
      (r) => r.target === 'gateway' && r.operation === operation && r.connections === connections,
    );
    const base = rows.find(
      (r) => r.target === 'baseline' && r.operation === operation && r.connections === connections,
    );
    return ours && base ? Math.round((base.rps / Math.max(ours.rps, 1)) * 10) / 10 : null;
  };
  const result = {
    actor_hosts: stack.replicas('todo-actors').length,
    idle_cpu_ms_per_second: idleCpuMsPerSecond,
    // The machine may be shared: the 1, 5 and 15 minute load averages when the runs began and ended.
    load_average: {
      before: loadBefore,
      after: loadavg().map((load) => Math.round(load * 100) / 100),
    },
    duration_seconds_per_run: duration,
    users: USERS,
    runs: rows,
    baseline_throughput_ratio: Object.fromEntries(
      levels.map((c) => [c, { create: ratio('create', c), list: ratio('list', c) }]),
    ),
    event_latency_ms: eventLatency,
    recurrence_next_visible_ms: percentiles(recurrence),
    reminder_lateness_ms: percentiles(lateness),
    open_loop: {
      seconds_per_rate: Number(values['open-seconds']),
      p99_bound_ms: OPEN_LOOP_P99_MS,
      runs: openRuns,
      highest_rate_within_bound: holding.at(-1)?.offered_rps ?? null,
    },
  };
  console.log(
    `\nevent occurred → projected (ms): p50 ${eventLatency.p50}  p99 ${eventLatency.p99}`,
  );
  console.log(
    `completion → next occurrence readable (ms): p50 ${result.recurrence_next_visible_ms.p50}  p99 ${result.recurrence_next_visible_ms.p99}`,
  );
  console.log(
    `reminder lateness (ms): p50 ${result.reminder_lateness_ms.p50}  max ${result.reminder_lateness_ms.max} (${lateness.length}/20 fired)`,
  );
  console.log(
    `baseline/gateway throughput ratio: ${JSON.stringify(result.baseline_throughput_ratio)}`,
  );
  console.log(`written to ${writeResult(resultName, result)}`);
  if (actorHosts === undefined) {
    writeFileSync(join(repoRoot, 'bench', 'results', 'api-latency.svg'), latencyChart(rows));
  }
} finally {
  baseline.kill('SIGTERM');
  await stack.stop();
  stack.removeData();
}
