/**
 * How the projector should write a batch (issue 17): one statement per event (as before), the
 * same statements in one transaction, or one multi-row upsert. Wall time and CPU (PostgreSQL and
 * this process) per event, on a PostgreSQL of its own set up as the stack's.
 *
 *   npx tsx bench/projection-sql.ts [--events 3000]
 */
import { taskSnapshot } from '../tests/support/fixtures.ts';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, migrateToLatest, type Db } from '../db/database.ts';
import { createLogger } from '../platform/logger.ts';
import { SCHEMA_VERSION, type EventType, type TypedEnvelope } from '../schemas/events.ts';
import { projectTaskEvents } from '../host/projector/task-view.ts';
import { stackStateRoot } from '../stack/paths.ts';
import { freePort } from '../stack/ports.ts';
import { treeCpuTicks } from '../stack/proc.ts';
import { postgresUrl, startPostgres } from '../stack/services/postgres.ts';

type TaskEvent = TypedEnvelope<Exclude<EventType, 'reminder.due'>>;
const { values } = parseArgs({ options: { events: { type: 'string', default: '3000' } } });
const total = Number(values.events);

const dir = join(stackStateRoot, 'bench-runs', `projection-sql-${Date.now()}`);
mkdirSync(dir, { recursive: true });
const port = await freePort();
const password = randomUUID();
const server = await startPostgres({
  dir,
  logFile: join(dir, 'postgres.log'),
  port,
  password,
  durable: false,
});
const db = createDatabase(postgresUrl(port, password));
await migrateToLatest(db, createLogger('bench', 'warn'));

const eventOf = (i: number): TaskEvent => {
  const now = new Date().toISOString();
  const id = randomUUID();
  const userId = `sql-${i % 50}`;
  return {
    event_id: randomUUID(),
    schema_version: SCHEMA_VERSION,
    event_type: 'task.created',
    occurred_at: now,
    user_id: userId,
    task_id: id,
    version: 1,
    correlation_id: 'projection-sql',
    data: {
      task: taskSnapshot({
        id,
        user_id: userId,
        title: `sql ${i}`,
        tags: ['a'],
        created_at: now,
        updated_at: now,
      }),
    },
  } as TaskEvent;
};

const ways: Record<string, (db: Db, batch: TaskEvent[]) => Promise<unknown>> = {
  'statement per event': async (db, batch) => {
    for (const event of batch) await projectTaskEvents(db, [event]);
  },
  'statements in one transaction': (db, batch) =>
    db.transaction().execute(async (trx) => {
      for (const event of batch) await projectTaskEvents(trx, [event]);
    }),
  'one multi-row upsert': (db, batch) => projectTaskEvents(db, batch),
};

const results: Record<string, unknown>[] = [];
for (const size of [1, 5, 20, 100])
  for (const [way, write] of Object.entries(ways)) {
    if (size === 1 && way !== 'statement per event') continue;
    const events = Array.from({ length: total }, (_, i) => eventOf(i));
    const ticks = treeCpuTicks(server.pid!);
    const own = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < events.length; i += size) await write(db, events.slice(i, i + size));
    const wall = performance.now() - started;
    const ownCpu = process.cpuUsage(own);
    results.push({
      batch: size,
      way,
      wall_ms_per_event: +(wall / total).toFixed(3),
      postgres_cpu_ms_per_event: +(((treeCpuTicks(server.pid!) - ticks) * 10) / total).toFixed(3),
      node_cpu_ms_per_event: +((ownCpu.user + ownCpu.system) / 1000 / total).toFixed(3),
    });
  }
console.table(results);
await db.destroy();
await server.stop();
