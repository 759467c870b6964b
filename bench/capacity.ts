/**
 * Prints the capacity tables of docs/SCALING.md from the measured figures
 * (bench/results/api.json and storage.json) and the model's workload, and the measured point
 * (bench/results/api-hosts-N.json, when those runs were made).
 *
 *   npx tsx bench/capacity.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../stack/paths.ts';
import { apps, cpuPerOperation, plan, storagePerTask, type MeasuredRun } from './capacity-model.ts';
import { hostCountPoints, staysFlat, type HostCountResult } from './host-scaling.ts';

const results = (name: string) =>
  JSON.parse(readFileSync(join(repoRoot, 'bench', 'results', `${name}.json`), 'utf8'));

const cpu = cpuPerOperation((results('api') as { runs: MeasuredRun[] }).runs);
const storage = storagePerTask(results('storage'));
const steps = [10_000, 1_000_000, 10_000_000].map((users) => plan(users, cpu, storage));

const table = (header: string[], rows: (string | number)[][]) =>
  [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
const heads = ['', ...steps.map((s) => `${n(s.users)} users`)];

console.log('CPU ms per operation by part:\n');
const parts = [...apps, 'kafka', 'postgres', 'redis'] as const;
console.log(
  table(
    ['operation', ...parts, 'total'],
    Object.entries(cpu).map(([operation, byPart]) => [
      operation,
      ...parts.map((part) => n(byPart[part] ?? 0)),
      n(Object.values(byPart).reduce((sum, ms) => sum + (ms ?? 0), 0)),
    ]),
  ),
);
console.log('\nPeak operations per second:\n');
console.log(
  table(
    heads,
    Object.keys(steps[0]!.peakPerSecond).map((operation) => [
      operation,
      ...steps.map((s) => n(s.peakPerSecond[operation as keyof typeof s.peakPerSecond])),
    ]),
  ),
);
console.log('\nCPU cores at peak, and replicas (HPA min–max):\n');
console.log(
  table(heads, [
    ...apps.map((app) => [
      app,
      ...steps.map((s) => `${n(s.cpuCores[app] ?? 0)} → ${s.hpa[app].min}–${s.hpa[app].max}`),
    ]),
    ...(['kafka', 'postgres', 'redis'] as const).map((part) => [
      part,
      ...steps.map((s) => n(s.cpuCores[part] ?? 0)),
    ]),
    ['sockets at peak', ...steps.map((s) => n(s.sockets))],
  ]),
);
console.log('\nEvents per second at peak → partitions:\n');
console.log(
  table(heads, [
    ...(['task-events', 'reminders'] as const).map((topic) => [
      topic,
      ...steps.map((s) => `${n(s.eventsPerSecond[topic])} → ${s.partitions[topic]}`),
    ]),
    ['dlq-events', ...steps.map((s) => s.partitions['dlq-events'])],
  ]),
);
console.log(
  `\nStorage (bytes per task: actor state ${storage.actorState}, read model ${storage.readModel}; per audit event ${storage.auditEvent}):\n`,
);
console.log(
  table(heads, [
    ['tasks', ...steps.map((s) => n(s.storage.tasks))],
    ['audit events kept', ...steps.map((s) => n(s.storage.auditEvents))],
    ['GB', ...steps.map((s) => n(s.storage.bytes / 1e9))],
  ]),
);
console.log('\nFirst step, as the chart defaults must be:\n');
console.log(JSON.stringify(Object.fromEntries(apps.map((app) => [app, steps[0]!.hpa[app]]))));

const hostRuns = [1, 2, 3]
  .map((hosts) => `api-hosts-${hosts}`)
  .filter((name) => existsSync(join(repoRoot, 'bench', 'results', `${name}.json`)))
  .map((name) => results(name) as HostCountResult);
const percent = (change: number) => `${change >= 0 ? '+' : ''}${Math.round(change * 100)} %`;
if (hostRuns.length > 1) {
  for (const operation of ['create', 'list']) {
    const points = hostCountPoints(hostRuns, operation, 8);
    console.log(`\nMeasured point, ${operation} at c = 8, by actor hosts:\n`);
    console.log(
      table(
        [
          'hosts',
          'CPU ms total',
          'vs fewest',
          'idle burn',
          'beyond idle',
          'vs fewest',
          'actor hosts',
          'per host',
          'req/s',
          'p50',
          'p99',
        ],
        points.map((p) => [
          p.hosts,
          n(p.total),
          percent(p.totalChange),
          n(p.idle),
          n(p.beyondIdle),
          percent(p.beyondIdleChange),
          n(p.actors),
          p.actorsByHost.map(n).join(' / '),
          p.rps,
          p.p50,
          p.p99,
        ]),
      ),
    );
    console.log(
      `flat within ±10 %: in all ${staysFlat(points) ? 'yes' : 'no'}, beyond idle ${staysFlat(points, 'beyondIdleChange') ? 'yes' : 'no'}`,
    );
  }
}
