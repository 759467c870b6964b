import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import { ACTOR_HOST_REPORT_SECONDS, type ActorHost } from '../../schemas/operator.ts';

export interface HostReportOptions {
  db: Db;
  logger: Logger;
  host: ActorHost;
  /** This host's active actors per type, from its sidecar. */
  activeActors: () => Promise<{ type: string; count: number }[]>;
  intervalMs?: number;
}

/**
 * Reports this actor host replica to the operator view of the hosts (gateway/routes/operator.ts)
 * now and then every few seconds, and takes the report back on shutdown. Through the database
 * the deployment shares rather than service invocation, which reaches one replica per call,
 * picked by the name resolver (and on one machine, any stack's replica of the same app id).
 */
export function startHostReports(options: HostReportOptions): () => Promise<void> {
  const { db, logger, host } = options;
  const startedAt = new Date();
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const report = async () => {
    try {
      const activeActors = JSON.stringify(await options.activeActors());
      if (stopped) return;
      await db
        .insertInto('actor_hosts')
        .values({
          instance: host.instance,
          app_id: host.app_id,
          active_actors: activeActors,
          started_at: startedAt,
          reported_at: sql<Date>`now()`,
        })
        .onConflict((conflict) =>
          conflict.column('instance').doUpdateSet({
            app_id: host.app_id,
            active_actors: activeActors,
            started_at: startedAt,
            reported_at: sql<Date>`now()`,
          }),
        )
        .execute();
    } catch (error) {
      logger.warn('actor host report failed', { error });
    }
  };
  const next = () => {
    inFlight = report();
  };
  next();
  const timer = setInterval(next, options.intervalMs ?? ACTOR_HOST_REPORT_SECONDS * 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    // A report under way would bring the row back after it is withdrawn.
    await inFlight;
    await db
      .deleteFrom('actor_hosts')
      .where('instance', '=', host.instance)
      .execute()
      .catch((error: unknown) => logger.warn('actor host report not withdrawn', { error }));
  };
}
