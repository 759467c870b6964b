/**
 * The baseline of the API benchmark: the same create and list, as plainly as it can be written —
 * Express and pg against the same PostgreSQL, no Dapr, no actors, no Kafka, no auth. The ratio
 * to it is the price of the architecture (actors, events, projections, auth).
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.BASELINE_POSTGRES_URL, max: 20 });
await pool.query(`create table if not exists baseline_tasks (
  id uuid primary key, user_id text not null, title text not null, priority text not null,
  created_at timestamptz not null default now())`);
await pool.query(
  'create index if not exists baseline_tasks_user on baseline_tasks (user_id, created_at, id)',
);

const app = express();
app.use(express.json());
app.post('/tasks', async (request, response) => {
  const { title, priority = 'medium' } = request.body as { title: string; priority?: string };
  const userId = String(request.headers['x-user'] ?? 'anonymous');
  const { rows } = await pool.query(
    'insert into baseline_tasks (id, user_id, title, priority) values ($1, $2, $3, $4) returning *',
    [randomUUID(), userId, title, priority],
  );
  response.status(201).json(rows[0]);
});
app.get('/tasks', async (request, response) => {
  const userId = String(request.headers['x-user'] ?? 'anonymous');
  const { rows } = await pool.query(
    'select * from baseline_tasks where user_id = $1 order by created_at desc, id desc limit 20',
    [userId],
  );
  response.json({ items: rows });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
