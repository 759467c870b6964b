import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { ACTOR_HOST_STALE_SECONDS, type ActorHostReport } from '../../schemas/operator.ts';

/**
 * The actor host replicas that reported lately (host/actor-host/actor-host-report.ts), with their
 * active actors per type. A replica killed without shutting down drops out once its report is stale.
 */
export async function listActorHosts(db: Db): Promise<ActorHostReport[]> {
  const rows = await db
    .selectFrom('actor_hosts')
    .select(['instance', 'app_id', 'active_actors', 'started_at', 'reported_at'])
    .where(
      'reported_at',
      '>',
      sql<Date>`now() - make_interval(secs => ${ACTOR_HOST_STALE_SECONDS})`,
    )
    .orderBy('instance')
    .execute();
  return rows.map((row) => ({
    instance: row.instance,
    app_id: row.app_id,
    active_actors: row.active_actors,
    started_at: row.started_at.toISOString(),
    reported_at: row.reported_at.toISOString(),
  }));
}

/** Active actors per type over every live replica: the whole tier, as the inspector shows it. */
export function totalActiveActors(hosts: ActorHostReport[]): { type: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const host of hosts) {
    for (const { type, count } of host.active_actors) {
      totals.set(type, (totals.get(type) ?? 0) + count);
    }
  }
  return [...totals].map(([type, count]) => ({ type, count }));
}
