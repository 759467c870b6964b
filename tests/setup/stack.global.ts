import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { stackStateRoot } from '../../stack/paths.ts';
import { Stack, type StackInfo } from '../../stack/supervisor.ts';
import { TEST_OPERATOR_ID } from '../support/operator.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
    stackPids: Record<string, number>;
  }
}

const runsRoot = join(stackStateRoot, 'test-runs');

/** Removes all but the newest `keep` runs, never `current` (the suite's own, oldest of them). */
function pruneOldRuns(root: string, keep: number, current: string): void {
  const runs = readdirSync(root)
    .filter((run) => join(root, run) !== current)
    .sort();
  for (const run of runs.slice(0, Math.max(0, runs.length - keep))) {
    rmSync(join(root, run), { recursive: true, force: true });
  }
}

/**
 * Starts the same stack `npm start` starts, in a fresh run dir (fresh Postgres cluster, Kafka
 * log, scheduler reminder store), once for the whole integration suite.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = join(
    stackStateRoot,
    'test-runs',
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`,
  );
  mkdirSync(runDir, { recursive: true });
  const began = Date.now();
  // Apps inherit this process's environment: the gateway gets its operator (operator-inspect.test.ts).
  process.env.OPERATOR_USER_IDS = TEST_OPERATOR_ID;
  const stack = await Stack.start({ runDir, durable: false, freshReminders: true });
  console.log(
    `[stack] ready in ${((Date.now() - began) / 1000).toFixed(1)} s on Node.js ${process.version}, logs in ${stack.info.logDir}`,
  );
  project.provide('stack', stack.info);
  project.provide('stackPids', stack.pids());
  return async () => {
    await stack.stop();
    // Data is thrown away; logs stay for post-mortems, of the newest few runs.
    stack.removeData();
    pruneOldRuns(runsRoot, 5, runDir);
  };
}
