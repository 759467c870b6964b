/**
 * Replays dead letters: publishes each stored original event to its topic again and marks the row.
 * Every consumer is idempotent, so an event that was in fact applied changes nothing.
 *
 * Only the actor host's sidecar may publish to the task topics (pub/sub scopes, docs/SECURITY.md):
 * run it beside an actor host, with that sidecar's port and API token.
 *
 *   DAPR_HTTP_PORT=3500 DAPR_API_TOKEN=… [SECRET_POSTGRES_URL=…] npx tsx host/tools/dlq-replay.ts
 *     [--since <instant>] [--topic <topic>] [--limit 100] [--dry-run]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { z } from 'zod';
import { baseEnvSchema, loadConfig } from '../../platform/config.ts';
import { sidecarOf } from '../../platform/dapr.ts';
import { createDatabase } from '../../db/database.ts';
import { readSecrets } from '../../platform/secrets.ts';
import { PUBSUB_NAME } from '../../schemas/events.ts';
import { planReplay } from './replay.ts';

const config = loadConfig(
  baseEnvSchema.pick({
    DAPR_HOST: true,
    DAPR_HTTP_PORT: true,
    DAPR_API_TOKEN: true,
    SECRET_STORE: true,
  }),
);
const { values } = parseArgs({
  options: {
    since: { type: 'string' },
    topic: { type: 'string' },
    limit: { type: 'string', default: '100' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const since = z.iso.datetime({ offset: true }).optional().parse(values.since);
const limit = z.coerce.number().int().min(1).max(10_000).parse(values.limit);

const dapr = sidecarOf(config);
const db = createDatabase(
  (await readSecrets(dapr, config.SECRET_STORE, ['postgres-url']))['postgres-url'],
  { poolSize: 2 },
);
try {
  let query = db
    .selectFrom('dead_letters')
    .select(['id', 'reason', 'topic', 'payload'])
    .where('replayed_at', 'is', null);
  if (since) query = query.where(sql<boolean>`received_at >= ${since}::timestamptz`);
  if (values.topic) query = query.where('topic', '=', values.topic);
  const rows = await query.orderBy('id').limit(limit).execute();
  let replayed = 0;
  for (const row of rows) {
    const plan = planReplay(row);
    if (!plan.ok) {
      console.log(`#${row.id} skipped: ${plan.reason}`);
      continue;
    }
    console.log(
      `#${row.id} ${values['dry-run'] ? 'would replay' : 'replaying'} ${String(plan.event.event_type)} ${String(plan.event.event_id)} to ${plan.topic}`,
    );
    if (values['dry-run']) continue;
    await dapr.publish(PUBSUB_NAME, plan.topic, plan.event, {
      partitionKey: String(plan.event.task_id),
    });
    await db
      .updateTable('dead_letters')
      .set({ replayed_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .execute();
    replayed++;
  }
  console.log(
    `${rows.length} dead letters looked at, ${replayed} replayed${values['dry-run'] ? ' (dry run)' : ''}.`,
  );
} finally {
  await db.destroy();
}
