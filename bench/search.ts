/**
 * Search benchmark: one user with 10,000 tasks (created through the REST API and projected
 * from Kafka), then mixed list/search queries. Prints p50/p95/p99 of the gateway's server time
 * (Server-Timing) and of the round trip; writes bench/results/search.json.
 *
 *   npm run bench:search [-- --tasks 10000 --queries 3000 --concurrency 8]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApiClient, type ApiSchemas } from '../client/api-client.ts';
import { signAccessToken } from '../platform/auth/tokens.ts';
import { benchStack, percentiles, pool, serverMilliseconds, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '8' },
  },
});
const taskCount = Number(values.tasks);
const queryCount = Number(values.queries);
const concurrency = Number(values.concurrency);

const words = [
  'report',
  'invoice',
  'milk',
  'garden',
  'meeting',
  'dentist',
  'review',
  'budget',
  'plan',
  'call',
  'email',
  'design',
  'deploy',
  'fix',
  'book',
  'order',
  'clean',
  'paint',
  'study',
  'train',
];
const tags = [
  'work',
  'home',
  'health',
  'errands',
  'finance',
  'family',
  'urgent',
  'later',
  'q1',
  'q2',
  'ideas',
  'reading',
  'travel',
  'car',
  'garden',
  'kids',
  'music',
  'sport',
  'school',
  'admin',
];
const priorities = ['low', 'medium', 'high', 'urgent'] as const;
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

const stack = await benchStack('search', { RATE_LIMIT_PER_MINUTE: '10000000' });
const stop = async () => {
  await stack.stop();
  stack.removeData();
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));

try {
  const userId = 'bench-user';
  const token = await signAccessToken(stack.info.secrets['jwt-secret'], userId, '2h');
  const api = createApiClient({ baseUrl: `${stack.info.gatewayUrl}/api/v1`, token });

  console.log(`seeding ${taskCount} tasks through POST /api/v1/tasks (concurrency 16) …`);
  const seedStarted = Date.now();
  const now = Date.now();
  await pool(
    Array.from({ length: taskCount }, (_, i) => i),
    16,
    async (i) => {
      const body: ApiSchemas['CreateTaskInput'] = {
        title: `${pick(words, i)} ${pick(words, i * 7 + 3)} #${i}`,
        description: `${pick(words, i * 3 + 1)} notes for ${pick(words, i * 11 + 5)}`,
        priority: pick(priorities, i * 5 + (i >> 3)),
        tags: [pick(tags, i), pick(tags, i * 3 + 1)],
        due_at:
          i % 10 === 9
            ? null
            : new Date(now + (((i * 7919) % 120) - 60) * 86_400_000).toISOString(),
        time_zone: 'Europe/Berlin',
        ...(i % 10 === 0 ? { recurrence: { frequency: 'weekly' as const } } : {}),
      };
      await api.POST('/tasks', { body });
    },
  );
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  console.log(
    `  created in ${seedSeconds.toFixed(1)} s (${Math.round(taskCount / seedSeconds)} tasks/s)`,
  );

  const db = new pg.Pool({ connectionString: stack.info.postgresUrl, max: 2 });
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from task_view where user_id = $1',
      [userId],
    );
    if (rows[0]!.n >= taskCount) break;
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  const projectedSeconds = (Date.now() - seedStarted) / 1000;
  await db.query('analyze task_view');
  await db.end();
  console.log(`  projected into task_view after ${projectedSeconds.toFixed(1)} s`);

  const templates = [
    '?limit=20',
    '?status=pending&sort=due&limit=20',
    '?priority=high,urgent&sort=priority&order=desc&limit=20',
    '?tags=work&limit=50',
    '?tags=home,health&tags_mode=all&limit=20',
    '?q=report&limit=20',
    '?q=milk garden&limit=20',
    '?q=invo&limit=20',
    '?overdue=true&sort=due&limit=20',
    `?due_from=${new Date(now).toISOString()}&due_to=${new Date(now + 14 * 86_400_000).toISOString()}&limit=20`,
    '?has_recurrence=true&sort=updated&order=desc&limit=20',
    '?status=pending&priority=urgent&tags=finance&q=budget&limit=20',
    '?sort=title&limit=100',
    '?search=deploy&sort_by=due_date&sort_order=desc&limit=20&offset=40',
  ];
  console.log(
    `running ${queryCount} queries (${templates.length} shapes, concurrency ${concurrency}) …`,
  );
  const server: number[] = [];
  const roundTrip: number[] = [];
  const byShape = new Map<string, number[]>();
  // Warm-up: plans and caches, not measured.
  await pool(templates, 2, async (template) => void (await api.raw('GET', `/tasks${template}`)));
  const started = Date.now();
  await pool(
    Array.from({ length: queryCount }, (_, i) => i),
    concurrency,
    async (i) => {
      const template = templates[i % templates.length]!;
      const sent = performance.now();
      // The templates are the query strings as a user would type them: sent as written.
      const response = await api.raw('GET', `/tasks${template}`);
      if (response.status !== 200) throw new Error(`query ${template} failed: ${response.status}`);
      roundTrip.push(performance.now() - sent);
      const serverTime = serverMilliseconds(response);
      server.push(serverTime);
      byShape.set(template, [...(byShape.get(template) ?? []), serverTime]);
    },
  );
  const seconds = (Date.now() - started) / 1000;

  const result = {
    tasks: taskCount,
    queries: queryCount,
    concurrency,
    seed: {
      seconds: seedSeconds,
      tasks_per_second: Math.round(taskCount / seedSeconds),
      projected_after_seconds: projectedSeconds,
    },
    throughput_per_second: Math.round(queryCount / seconds),
    server_ms: percentiles(server),
    round_trip_ms: percentiles(roundTrip),
    by_shape_server_ms: Object.fromEntries(
      [...byShape].map(([shape, values]) => [shape, percentiles(values)]),
    ),
    target: { server_p95_ms: 50, met: percentiles(server).p95 < 50 },
  };
  console.log(
    `\nserver time (ms)   p50 ${result.server_ms.p50}   p95 ${result.server_ms.p95}   p99 ${result.server_ms.p99}   max ${result.server_ms.max}`,
  );
  console.log(
    `round trip (ms)    p50 ${result.round_trip_ms.p50}   p95 ${result.round_trip_ms.p95}   p99 ${result.round_trip_ms.p99}`,
  );
  console.log(`throughput         ${result.throughput_per_second} queries/s`);
  console.log(`target p95 < 50 ms: ${result.target.met ? 'met' : 'NOT met'}`);
  for (const [shape, stats] of Object.entries(result.by_shape_server_ms))
    console.log(`  ${String(stats.p95).padStart(7)} ms p95  ${shape}`);
  console.log(`written to ${writeResult('search', result)}`);
} finally {
  await stop();
}
