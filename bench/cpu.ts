import { execFileSync } from 'node:child_process';
import { treeCpuTicks } from '../stack/proc.ts';

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface CpuSnapshot {
  pids: Record<string, number>;
  ticks: Record<string, number>;
  /** This process: the load generator. */
  own: NodeJS.CpuUsage;
}

/** CPU used so far by each of the stack's processes (with their children) and by this one. */
export function cpuSnapshot(pids: Record<string, number>): CpuSnapshot {
  return {
    pids,
    ticks: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, treeCpuTicks(pid)])),
    own: process.cpuUsage(),
  };
}

/**
 * What the stack's processes burn with no request in flight, CPU ms a second by process (with
 * `total`), sampled over `seconds`.
 */
export async function idleCpuPerSecond(
  pids: Record<string, number>,
  seconds: number,
): Promise<Record<string, number>> {
  const before = cpuSnapshot(pids);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const { 'load generator': _generator, ...byProcess } = cpuPerRequest(before, seconds);
  return byProcess;
}

/**
 * CPU milliseconds per request since `before`, by process, largest first, with `total` (the
 * stack's processes) and `load generator`. Where the time of a request goes, and what it costs in all.
 */
export function cpuPerRequest(before: CpuSnapshot, requests: number): Record<string, number> {
  const after = cpuSnapshot(before.pids);
  const perRequest = (ms: number) => Math.round((ms / Math.max(requests, 1)) * 100) / 100;
  const byProcess = Object.keys(before.pids).map(
    (name) =>
      [
        name,
        perRequest(((after.ticks[name]! - before.ticks[name]!) * 1000) / ticksPerSecond),
      ] as const,
  );
  const total = byProcess.reduce((sum, [, ms]) => sum + ms, 0);
  const own = process.cpuUsage(before.own);
  return Object.fromEntries([
    ...byProcess.filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]),
    ['total', Math.round(total * 100) / 100],
    ['load generator', perRequest((own.user + own.system) / 1000)],
  ]);
}
