/**
 * Storage benchmark: what a task and a user cost in PostgreSQL, every table and index included
 * (actor state, read model, audit log, notifications). Creates tasks shaped like everyday ones
 * through the API, completes a third, waits until the consumers caught up, then reads the
 * tables' sizes. The capacity model in docs/SCALING.md sizes storage from these figures.
 *
 *   npx tsx bench/storage.ts [-- --users 20 --tasks 100]
 */
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createApiClient, dataOf, type ApiSchemas } from '../client/api-client.ts';
import { signAccessToken } from '../platform/auth/tokens.ts';
import { benchStack, pool, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '20' },
    tasks: { type: 'string', default: '100' },
  },
});
const users = Number(values.users);
const tasksPerUser = Number(values.tasks);

const words = ['buy', 'milk', 'call', 'dentist', 'report', 'garden', 'invoice', 'team', 'plan'];
const phrase = (i: number, length: number) =>
  Array.from({ length }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');

/** Every 3rd task has a description, every 2nd a due date, every 4th a reminder, every 10th a series. */
const taskBody = (i: number): ApiSchemas['CreateTaskInput'] => ({
  title: `${phrase(i, 5)} ${i}`,
  ...(i % 3 === 0 ? { description: phrase(i, 20) } : {}),
  tags: [words[i % words.length]!, words[(i + 4) % words.length]!],
  priority: (['low', 'medium', 'high'] as const)[i % 3],
  ...(i % 2 === 0
    ? { due_at: new Date(Date.now() + ((i % 30) + 1) * 86_400_000).toISOString() }
    : {}),
  ...(i % 4 === 0 && i % 2 === 0 ? { reminders: [{ offset: '-PT1H' }] } : {}),
  ...(i % 10 === 0 ? { recurrence: { frequency: 'weekly' } } : {}),
});

const stack = await benchStack('storage', { RATE_LIMIT_PER_MINUTE: '100000000' });
const db = new pg.Pool({ connectionString: stack.info.postgresUrl, max: 2 });
try {
  const tokens = await Promise.all(
    Array.from({ length: users }, (_, u) =>
      signAccessToken(stack.info.secrets['jwt-secret'], `storage-${u}`, '2h'),
    ),
  );
  const clients = tokens.map((token) =>
    createApiClient({ baseUrl: `${stack.info.gatewayUrl}/api/v1`, token }),
  );

  const created: { id: string; user: number }[] = [];
  await pool(
    Array.from({ length: users * tasksPerUser }, (_, i) => i),
    8,
    async (i) => {
      const user = i % users;
      const task = await dataOf(clients[user]!.POST('/tasks', { body: taskBody(i) }));
      created.push({ id: task.id, user });
    },
  );
  const completed = created.filter((_, i) => i % 3 === 0);
  await pool(completed, 8, async (task) => {
    await clients[task.user]!.POST('/tasks/{id}/complete', { params: { path: { id: task.id } } });
  });

  // The consumers are done when the read model and the audit log stop growing.
  let last = '';
  for (let attempt = 0; attempt < 120; attempt++) {
    const { rows } = await db.query<{ n: string }>(
      "select (select count(*) from task_view)::text || '/' || (select count(*) from audit_log)::text as n",
    );
    if (rows[0]!.n === last) break;
    last = rows[0]!.n;
    await sleep(2_000);
  }
  await db.query('vacuum analyze');

  const { rows: tables } = await db.query<{
    name: string;
    rows: string;
    heap: string;
    indexes: string;
    total: string;
  }>(`
    select c.relname as name, c.reltuples::bigint::text as rows,
           pg_relation_size(c.oid)::text as heap,
           pg_indexes_size(c.oid)::text as indexes,
           pg_total_relation_size(c.oid)::text as total
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname = 'public'
    order by pg_total_relation_size(c.oid) desc`);
  const { rows: states } = await db.query<{ kind: string; n: string; bytes: string }>(`
    select split_part(key, '||', 2) || '/' || split_part(key, '||', 4) as kind, count(*)::text as n,
           sum(pg_column_size(value) + octet_length(key))::text as bytes
    from state group by 1 order by 1`);
  const taskCount = Number(
    (await db.query<{ n: string }>('select count(*)::text as n from task_view')).rows[0]!.n,
  );
  const byTable = tables
    .filter((t) => Number(t.total) > 16_384)
    .map((t) => ({
      table: t.name,
      rows: Number(t.rows),
      heap_bytes: Number(t.heap),
      index_bytes: Number(t.indexes),
      total_bytes: Number(t.total),
      rows_per_task: Math.round((Number(t.rows) / taskCount) * 100) / 100,
      bytes_per_task: Math.round(Number(t.total) / taskCount),
    }));
  const result = {
    users,
    tasks: taskCount,
    tasks_created_by_api: created.length,
    tasks_completed: completed.length,
    tables: byTable,
    actor_state_keys: states.map((s) => ({
      kind: s.kind,
      keys: Number(s.n),
      value_bytes: Number(s.bytes),
    })),
    bytes_per_task_all_tables: Math.round(
      byTable.reduce((sum, t) => sum + t.total_bytes, 0) / taskCount,
    ),
  };
  console.table(byTable);
  console.table(result.actor_state_keys);
  console.log(`bytes per task, all tables: ${result.bytes_per_task_all_tables}`);
  console.log(`written to ${writeResult('storage', result)}`);
} finally {
  await db.end();
  await stack.stop();
  stack.removeData();
}
