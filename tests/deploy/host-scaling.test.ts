import { describe, expect, it } from 'vitest';
import { hostCountPoints, staysFlat, type HostCountResult } from '../../bench/host-scaling.ts';

const result = (
  hosts: number,
  cpu: Record<string, number>,
  idlePerSecond = 0,
): HostCountResult => ({
  actor_hosts: hosts,
  duration_seconds_per_run: 10,
  idle_cpu_ms_per_second: { total: idlePerSecond },
  runs: [
    {
      target: 'gateway',
      operation: 'create',
      connections: 8,
      rps: 100,
      p50: 50,
      p99: 200,
      errors: 0,
      requests: 1000,
      cpu_ms_per_request: cpu,
    },
  ],
});

describe('the measured point: CPU per request by actor host count', () => {
  const one = result(1, { 'todo-actors': 4, 'daprd-todo-actors': 2, postgres: 4, total: 10 });
  const two = result(2, {
    'todo-actors-1': 2,
    'daprd-todo-actors-1': 1,
    'todo-actors-2': 2.5,
    'daprd-todo-actors-2': 1,
    postgres: 4,
    total: 10.5,
  });

  it('sums numbered hosts and their sidecars into the actor share, and keeps each host apart', () => {
    const points = hostCountPoints([two, one], 'create', 8);
    expect(points.map((p) => [p.hosts, p.actors, p.actorsByHost, p.totalChange])).toEqual([
      [1, 6, [6], 0],
      [2, 6.5, [3, 3.5], 0.05],
    ]);
    expect(staysFlat(points)).toBe(true);
  });

  it('is not flat when a host count costs more than 10 % over the fewest hosts', () => {
    const three = result(3, { 'todo-actors-1': 3, total: 11.5 });
    expect(staysFlat(hostCountPoints([one, two, three], 'create', 8))).toBe(false);
  });

  it('separates what the idle stack burns from what the requests cost', () => {
    // 100 ms/s idle over a 10 s run of 1,000 requests: 1 ms of each request's 10 is idle burn.
    const idle = result(1, { total: 10 }, 100);
    const busier = result(2, { total: 12 }, 300);
    const points = hostCountPoints([idle, busier], 'create', 8);
    expect(points.map((p) => [p.idle, p.beyondIdle, p.beyondIdleChange])).toEqual([
      [1, 9, 0],
      [3, 9, 0],
    ]);
    expect(staysFlat(points)).toBe(false);
    expect(staysFlat(points, 'beyondIdleChange')).toBe(true);
  });

  it('says which run is missing its CPU figures', () => {
    expect(() => hostCountPoints([one], 'list', 8)).toThrow(/list at c = 8 with 1 hosts/);
  });
});
