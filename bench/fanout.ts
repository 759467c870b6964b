/**
 * Fan-out benchmark: 10,000 Socket.IO connections (1,000 users × 10, spread over two realtime
 * replicas behind one Redis), opened by a load generator in its own process. Events are
 * published to task-events through Dapr, as the actor host does; the generator measures publish →
 * receipt per socket (the projector and audit worker consume them too, as they would).
 * Prints p50/p95/p99 and writes bench/results/fanout.json. Target: p99 < 200 ms.
 *
 *   npm run bench:fanout [-- --users 1000 --per-user 10 --events 500 --rate 50]
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { sidecarClient } from '../stack/sidecar-client.ts';
import { PUBSUB_NAME, topics } from '../schemas/events.ts';
import { envelopeFor, taskSnapshot } from '../tests/support/fixtures.ts';
import { repoRoot } from '../stack/paths.ts';
import { benchStack, percentiles, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    'per-user': { type: 'string', default: '10' },
    events: { type: 'string', default: '500' },
    rate: { type: 'string', default: '50' },
  },
});
const users = Number(values.users);
const perUser = Number(values['per-user']);
const eventCount = Number(values.events);
const rate = Number(values.rate);

const stack = await benchStack('fanout');
const generator = fork(join(repoRoot, 'bench', 'fanout-clients.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    REALTIME_URLS: ['todo-realtime-1', 'todo-realtime-2']
      .map((name) => `http://127.0.0.1:${stack.info.apps[name as 'todo-realtime-1'].appPort}`)
      .join(','),
    USERS: String(users),
    PER_USER: String(perUser),
    JWT_SECRET: stack.info.secrets['jwt-secret'],
  },
});
const nextMessage = async <T>(type: string): Promise<T> => {
  for (;;) {
    const [message] = (await once(generator, 'message')) as [{ type: string; message?: string }];
    if (message.type === 'error') throw new Error(`load generator: ${message.message}`);
    if (message.type === type) return message as T;
  }
};

try {
  console.log(
    `opening ${users * perUser} connections (${users} users × ${perUser}) over 2 replicas …`,
  );
  const connected = await nextMessage<{ count: number; seconds: number }>('connected');
  console.log(`  ${connected.count} connected in ${connected.seconds.toFixed(1)} s`);

  // As the actor host: only it may publish the task topics (pub/sub scopes).
  const dapr = sidecarClient(stack.info, 'todo-actors');
  console.log(`publishing ${eventCount} events to task-events at ${rate}/s …`);
  const started = Date.now();
  for (let i = 0; i < eventCount; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    const userId = `fanout-${Math.floor(Math.random() * users)}`;
    const taskId = randomUUID();
    const now = new Date().toISOString();
    const task = taskSnapshot({
      id: taskId,
      user_id: userId,
      title: `event ${i}`,
      version: 2,
      created_at: now,
      updated_at: now,
    });
    await dapr.publish(
      PUBSUB_NAME,
      topics.taskEvents,
      {
        ...envelopeFor('task.updated', task, { task, changed: ['title'] }),
        occurred_at: now,
        correlation_id: 'fanout-bench',
      },
      { partitionKey: taskId },
    );
  }
  await sleep(3_000);
  generator.send({ type: 'report' });
  const report = await nextMessage<{ received: number; delays: number[] }>('report');
  const expected = eventCount * perUser;
  const delay = percentiles(report.delays);
  const result = {
    connections: connected.count,
    users,
    connections_per_user: perUser,
    replicas: 2,
    connect_seconds: connected.seconds,
    events: eventCount,
    publish_rate_per_second: rate,
    deliveries_expected: expected,
    deliveries_received: report.received,
    publish_to_receipt_ms: delay,
    target: { p99_ms: 200, met: delay.p99 < 200 && report.received === expected },
  };
  console.log(`\ndeliveries ${report.received}/${expected}`);
  console.log(
    `publish → receipt (ms)   p50 ${delay.p50}   p95 ${delay.p95}   p99 ${delay.p99}   max ${delay.max}`,
  );
  console.log(`target p99 < 200 ms and nothing lost: ${result.target.met ? 'met' : 'NOT met'}`);
  console.log(`written to ${writeResult('fanout', result)}`);
} finally {
  generator.send({ type: 'close' });
  await Promise.race([once(generator, 'exit'), sleep(5_000)]);
  generator.kill('SIGKILL');
  await stack.stop();
  stack.removeData();
}
