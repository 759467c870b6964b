import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { stackStateRoot, repoRoot } from '../stack/paths.ts';
import { Stack, type StackOptions } from '../stack/supervisor.ts';

/** Percentiles of a sample, in the sample's unit. */
export function percentiles(values: number[]): {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  n: number;
} {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    n: sorted.length,
  };
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/** A stack of the benchmark's own, so numbers are not disturbed by anything else. */
export async function benchStack(
  name: string,
  env: Record<string, string> = {},
  options: Pick<StackOptions, 'actorHosts'> = {},
): Promise<Stack> {
  Object.assign(process.env, { LOG_LEVEL: 'warn', ...env });
  const runDir = join(
    stackStateRoot,
    'bench-runs',
    `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}`,
  );
  mkdirSync(runDir, { recursive: true });
  return Stack.start({ runDir, durable: false, freshReminders: true, ...options });
}

/** Writes bench/results/<name>.json, stamped with what makes runs comparable: when and on what. */
export function writeResult(name: string, result: Record<string, unknown>): string {
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const stamped = {
    benchmark: name,
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    ...result,
  };
  writeFileSync(file, `${JSON.stringify(stamped, null, 2)}\n`);
  return file;
}

/** The gateway's own time for a request, from its Server-Timing header. */
export const serverMilliseconds = (response: { headers: Headers }): number =>
  Number(/app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? NaN);
