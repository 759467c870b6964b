/**
 * The measured point of docs/SCALING.md: the same bench:api run with 1, 2, 3… actor hosts.
 * The capacity model assumes CPU per request stays flat as hosts are added (placement spreads
 * actors, the write path coordinates nothing across hosts); this compares the runs. Pure.
 */
import { cpuByApp, type MeasuredRun } from './capacity-model.ts';

/** A bench/results/api-hosts-N.json, the parts read here. */
export interface HostCountResult {
  actor_hosts: number;
  duration_seconds_per_run: number;
  /** What the stack burns with no request in flight, by app and in all. */
  idle_cpu_ms_per_second: Record<string, number>;
  runs: (MeasuredRun & {
    rps: number;
    p50: number;
    p99: number;
    errors: number;
    requests: number;
  })[];
}

export interface HostCountPoint {
  hosts: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU ms per request over the whole stack, and the actor hosts' part (apps and sidecars). */
  total: number;
  actors: number;
  /** The actor hosts' part, host by host (app with its sidecar), to see placement spread it. */
  actorsByHost: number[];
  /** What the stack's idle burn adds to one request at this throughput (idle rate × run ÷ requests). */
  idle: number;
  /** total − idle: the work the request itself caused. */
  beyondIdle: number;
  /** total and beyondIdle against the run with the fewest hosts: 0.05 is 5 % more. */
  totalChange: number;
  beyondIdleChange: number;
}

/** CPU per request may move this much (either way) as hosts are added and still count as flat. */
export const flatTolerance = 0.1;

const round = (value: number) => Math.round(value * 100) / 100;

/** One point per host count for an operation at a concurrency, fewest hosts first. */
export function hostCountPoints(
  results: HostCountResult[],
  operation: string,
  connections: number,
): HostCountPoint[] {
  const sorted = [...results].sort((a, b) => a.actor_hosts - b.actor_hosts);
  const points = sorted.map((result) => {
    const run = result.runs.find(
      (r) => r.target === 'gateway' && r.operation === operation && r.connections === connections,
    );
    if (!run?.cpu_ms_per_request) {
      throw new Error(
        `no CPU figures for ${operation} at c = ${connections} with ${result.actor_hosts} hosts`,
      );
    }
    const cpu = run.cpu_ms_per_request;
    const hostNames =
      result.actor_hosts === 1
        ? ['todo-actors']
        : Array.from({ length: result.actor_hosts }, (_, i) => `todo-actors-${i + 1}`);
    const idle = round(
      ((result.idle_cpu_ms_per_second.total ?? 0) * result.duration_seconds_per_run) /
        Math.max(run.requests, 1),
    );
    return {
      hosts: result.actor_hosts,
      rps: run.rps,
      p50: run.p50,
      p99: run.p99,
      errors: run.errors,
      total: cpu.total ?? 0,
      actors: round(cpuByApp(cpu).actors ?? 0),
      actorsByHost: hostNames.map((name) => round((cpu[name] ?? 0) + (cpu[`daprd-${name}`] ?? 0))),
      idle,
      beyondIdle: round((cpu.total ?? 0) - idle),
      totalChange: 0,
      beyondIdleChange: 0,
    };
  });
  const first = points[0];
  return points.map((point) => ({
    ...point,
    totalChange: first ? round(point.total / first.total - 1) : 0,
    beyondIdleChange: first ? round(point.beyondIdle / first.beyondIdle - 1) : 0,
  }));
}

/** Whether CPU per request (in all, or beyond idle) stayed within the tolerance of the fewest hosts' figure. */
export function staysFlat(
  points: HostCountPoint[],
  measure: 'totalChange' | 'beyondIdleChange' = 'totalChange',
): boolean {
  return points.every((point) => Math.abs(point[measure]) <= flatTolerance);
}
