import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { actorStateKey } from '../../platform/actor-state-key.ts';
import { APP_IDS } from '../../platform/app-ids.ts';
import { stackStateRoot } from '../../stack/paths.ts';
import { Stack, type StackOptions } from '../../stack/supervisor.ts';
import { gatewayClient } from './gateway-client.ts';

/**
 * A stack of the file's own, for tests that kill, freeze and restart its processes without
 * disturbing the shared one.
 */
export function useOwnStack(
  name: string,
  env: () => Record<string, string> = () => ({}),
  options: Pick<StackOptions, 'infra' | 'profile' | 'restartCrashed' | 'actorHosts'> = {},
) {
  const holder: { stack?: Stack; db?: pg.Pool } = {};
  beforeAll(async () => {
    const runDir = join(
      stackStateRoot,
      'test-runs',
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}-${process.pid}`,
    );
    mkdirSync(runDir, { recursive: true });
    // The apps inherit this process's environment: extra settings for this stack go there, for
    // the start only (a later file in this worker must not inherit them).
    const extra = env();
    const previous = Object.fromEntries(Object.keys(extra).map((key) => [key, process.env[key]]));
    Object.assign(process.env, extra);
    try {
      holder.stack = await Stack.start({
        runDir,
        durable: false,
        freshReminders: true,
        ...options,
      });
    } finally {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    holder.db = new pg.Pool({ connectionString: holder.stack.info.postgresUrl, max: 3 });
    // Tests restart PostgreSQL: the pool replaces the connections that ends.
    holder.db.on('error', () => undefined);
  }, 300_000);
  afterAll(async () => {
    await holder.db?.end();
    await holder.stack?.stop();
    holder.stack?.removeData();
  }, 120_000);

  const stack = () => {
    if (!holder.stack) throw new Error('stack not started');
    return holder.stack;
  };
  return {
    stack,
    db: () => holder.db!,
    /** A client of this stack's gateway as `userId`. */
    async api(userId: string) {
      const { info } = stack();
      return (
        await gatewayClient(
          { gatewayUrl: info.gatewayUrl, jwtSecret: info.secrets['jwt-secret'] },
          userId,
        )
      ).call;
    },
    /** A key of an actor's state, as the actor host saved it in PostgreSQL. */
    async actorState(actorType: string, actorId: string, key: string): Promise<unknown> {
      const { rows } = await holder.db!.query<{ value: Buffer | string }>(
        'select value from state where key = $1',
        [actorStateKey(APP_IDS.actors, actorType, actorId, key)],
      );
      const value = rows[0]?.value;
      if (value === undefined) return undefined;
      return JSON.parse(Buffer.isBuffer(value) ? value.toString() : value) as unknown;
    },
  };
}
