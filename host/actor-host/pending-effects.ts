import { sql } from 'kysely';
import { TASK_STATE_KEYS } from '../../actors/task/state-keys.ts';
import { actorIdOfStateKey, actorStateKey } from '../../platform/actor-state-key.ts';
import type { Db } from '../../db/database.ts';
import type { DaprClientHttp } from '../../platform/dapr.ts';
import type { Logger } from '../../platform/logger.ts';
import { TASK_ACTOR_TYPE, type TaskActorCall } from '../../schemas/task-actor.ts';

/**
 * A turn saves state and effects together, then runs the effects; a failure while running them
 * schedules a retry reminder. A host (or sidecar) killed between the save and the end of the run
 * leaves the effects saved with no reminder: they would wait for the actor's next activation,
 * which for a task nobody touches again never comes. Its events would never reach Kafka, so the
 * read model, the audit log and the browsers would never see the task (found by the "every task
 * in actor state reached the read model" invariant of chaos/local/run.ts).
 *
 * The sweeper closes that gap: now and then it looks in the actor state store for TaskActors
 * whose effects were saved a while ago and are still pending, and asks each to settle (which
 * activates it on whichever host placement chooses, and runs them).
 */
export interface SweeperOptions {
  db: Db;
  dapr: DaprClientHttp;
  logger: Logger;
  /** The actor host's app id: Dapr's key prefix in the state table. */
  appId: string;
  intervalMs: number;
  /** Effects younger than this belong to a turn that may still be running. */
  minAgeSeconds: number;
}

/** Dapr's state.postgresql (v2) table, as `dapr-components/` and the chart configure it. */
const STATE_TABLE = 'state';
const BATCH = 200;
// `'\\x5b5d'::bytea` below is `[]`, the effects key of an actor with nothing pending, as Dapr
// stores it (JSON bytes). It is spelt out in the SQL so that the sweep's predicate is the partial
// index's, word for word.

/** The key of a TaskActor's effects: `<app id>||TaskActor||<task id>||effects`, as a LIKE pattern. */
export const effectsKeyPattern = (appId: string): string =>
  actorStateKey(appId.replace(/[\\%_]/g, '\\$&'), TASK_ACTOR_TYPE, '%', TASK_STATE_KEYS.effects);

export const taskIdOfEffectsKey = (key: string): string | undefined => actorIdOfStateKey(key);

export function startEffectsSweeper(options: SweeperOptions): () => void {
  const { logger, intervalMs } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    try {
      await sweep(options);
    } catch (error) {
      // The database or the sidecar is away: the next round tries again.
      logger.warn('pending-effects sweep failed', { error });
    }
    if (!stopped) timer = setTimeout(() => void loop(), intervalMs);
  };
  void ensureIndex(options).finally(() => {
    if (!stopped) timer = setTimeout(() => void loop(), intervalMs);
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Settles every TaskActor with old pending effects; returns how many it asked. */
export async function sweep({ db, dapr, logger, appId, minAgeSeconds }: SweeperOptions) {
  const { rows } = await sql<{ key: string }>`
    select key from ${sql.table(STATE_TABLE)}
     where key like ${sql.lit(effectsKeyPattern(appId))}
       and value <> '\\x5b5d'::bytea
       and coalesce(updated_at, created_at) < now() - make_interval(secs => ${minAgeSeconds})
     limit ${BATCH}`.execute(db);
  let settled = 0;
  for (const { key } of rows) {
    const taskId = taskIdOfEffectsKey(key);
    if (!taskId) continue;
    const call: TaskActorCall<'settle'> = {};
    await dapr.invokeActor(TASK_ACTOR_TYPE, taskId, 'settle', call);
    settled++;
  }
  if (settled > 0) logger.warn('settled pending effects of crashed turns', { actors: settled });
  return settled;
}

/**
 * The sweep reads only rows with pending effects, a handful at any time: a partial index keeps
 * it from scanning the whole state table. Best effort: without it the sweep is a scan.
 */
async function ensureIndex({ db, logger, appId }: SweeperOptions): Promise<void> {
  try {
    await sql`
      create index concurrently if not exists state_pending_task_effects
          on ${sql.table(STATE_TABLE)} (key)
       where key like ${sql.lit(effectsKeyPattern(appId))} and value <> '\\x5b5d'::bytea`.execute(
      db,
    );
  } catch (error) {
    logger.warn('could not index pending effects; the sweep scans instead', { error });
  }
}
