/**
 * What the consumers (projector, audit worker, realtime, with their sidecars) cost per event at a
 * fixed rate, and how long an event takes to the read model and to a browser: the A/B for
 * batched consumers (issue 17). Events are published as the actor host would (to task-events,
 * keyed by task), open loop, straight into its sidecar, so that nothing upstream of the consumers
 * is measured.
 *
 *   npx tsx bench/consumer-batching.ts [--rate 150] [--seconds 30] [--users 50]
 */
import { taskSnapshot } from '../tests/support/fixtures.ts';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { signAccessToken } from '../platform/auth/tokens.ts';
import { PUBSUB_NAME, SCHEMA_VERSION, topics } from '../schemas/events.ts';
import { sidecarClient } from '../stack/sidecar-client.ts';
import { cpuPerRequest, cpuSnapshot } from './cpu.ts';
import { benchStack, percentiles } from './support.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '150' },
    seconds: { type: 'string', default: '30' },
    users: { type: 'string', default: '50' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const users = Number(values.users);

const stack = await benchStack('consumer-batching');
const consumers = Object.fromEntries(
  Object.entries(stack.pids()).filter(([name]) => /projector|audit|realtime/.test(name)),
);
try {
  const publisher = sidecarClient(stack.info, 'todo-actors');
  const userIds = Array.from({ length: users }, (_, u) => `batching-${u}-${randomUUID()}`);
  const delays: number[] = [];
  const sockets: Socket[] = [];
  for (const userId of userIds) {
    const socket = io(`http://127.0.0.1:${stack.info.apps['todo-realtime-1'].appPort}`, {
      auth: { token: await signAccessToken(stack.info.secrets['jwt-secret'], userId, '1h') },
      transports: ['websocket'],
      reconnection: false,
    });
    const receive = (event: { occurred_at: string }) =>
      delays.push(Date.now() - Date.parse(event.occurred_at));
    // Either contract: one event per message (before) or a user's batch (after).
    socket.on('task:event', receive);
    socket.on('task:events', (events: { occurred_at: string }[]) => events.forEach(receive));
    await new Promise((resolveReady) => socket.once('session:ready', resolveReady));
    sockets.push(socket);
  }

  const idleSeconds = 10;
  await sleep(3_000);
  const idle = cpuSnapshot(consumers);
  await sleep(idleSeconds * 1000);
  const idleCpu = cpuPerRequest(idle, idleSeconds);

  const total = rate * seconds;
  const before = cpuSnapshot(consumers);
  const started = Date.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    const now = new Date().toISOString();
    const taskId = randomUUID();
    const userId = userIds[i % users]!;
    const task = taskSnapshot({
      id: taskId,
      user_id: userId,
      title: `bench ${i}`,
      created_at: now,
      updated_at: now,
    });
    const event = {
      event_id: randomUUID(),
      schema_version: SCHEMA_VERSION,
      event_type: 'task.created',
      occurred_at: now,
      user_id: userId,
      task_id: taskId,
      version: 1,
      correlation_id: 'consumer-batching',
      data: { task },
    };
    inFlight.push(
      publisher.publish(PUBSUB_NAME, topics.taskEvents, event, { partitionKey: taskId }),
    );
  }
  // On a loaded machine a publish may time out: counted, and left out of what is awaited.
  const failed = (await Promise.allSettled(inFlight)).filter((r) => r.status === 'rejected').length;
  const pool = new pg.Pool({ connectionString: stack.info.postgresUrl, max: 1 });
  const deadline = Date.now() + 60_000;
  let projected = 0;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ count: string }>(
      "select count(*) from task_view where title like 'bench %'",
    );
    projected = Number(rows[0]!.count);
    if (projected >= total - failed && delays.length >= total - failed) break;
    await sleep(200);
  }
  const busyCpu = cpuPerRequest(before, total);
  // Events per delivery as the consumers saw them (absent before batching).
  const batchSizes: Record<string, string[]> = {};
  for (const app of ['todo-projector', 'todo-audit', 'todo-realtime-1'] as const) {
    const metrics = await (
      await fetch(`http://127.0.0.1:${stack.info.apps[app].appPort}/metrics`)
    ).text();
    batchSizes[app] = [...metrics.matchAll(/pubsub_batch_size_(sum|count)\{([^}]*)\} (\d+)/g)].map(
      ([, kind, labels, value]) => `${kind}{${labels}} ${value}`,
    );
  }
  const { rows } = await pool.query<{ ms: number }>(
    "select extract(epoch from (projected_at - (task->>'created_at')::timestamptz)) * 1000 as ms from task_view where title like 'bench %'",
  );
  await pool.end();
  sockets.forEach((socket) => socket.disconnect());
  console.log(
    JSON.stringify(
      {
        rate,
        seconds,
        events: total,
        failed_publishes: failed,
        projected,
        received: delays.length,
        idle_cpu_ms_per_second: idleCpu,
        batch_sizes: batchSizes,
        cpu_ms_per_event: busyCpu,
        event_to_read_model_ms: percentiles(rows.map((row) => Number(row.ms))),
        event_to_socket_ms: percentiles(delays),
      },
      null,
      2,
    ),
  );
} finally {
  await stack.stop();
  stack.removeData();
}
