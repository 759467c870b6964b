import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  apps,
  cpuPerOperation,
  plan,
  storagePerTask,
  type MeasuredRun,
} from '../../bench/capacity-model.ts';

import { topics as stackTopics } from '../../stack/services/kafka.ts';
import { repoRoot } from '../../stack/paths.ts';
import { chartDir as chart, renderChart, type Manifest } from '../support/chart.ts';
import { callerKeysValuesFile } from '../support/chart-keys.ts';

/**
 * docs/SCALING.md names the first step (10 thousand users) in one YAML block; the chart's
 * defaults, its topic list, the local stack's topics and the capacity model must all say the same.
 */
const keys = callerKeysValuesFile();

const firstStepSchema = z.strictObject({
  users: z.number(),
  targetCPUUtilizationPercentage: z.number(),
  apps: z.record(
    z.enum(apps),
    z.strictObject({ min: z.number(), max: z.number(), minAvailable: z.number() }),
  ),
  partitions: z.record(z.string(), z.number()),
});

function firstStep() {
  const doc = readFileSync(join(repoRoot, 'docs', 'SCALING.md'), 'utf8');
  const block = /<!-- first-step[^>]*-->\s*```yaml\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/SCALING.md has no first-step block');
  return firstStepSchema.parse(parse(block[1]!));
}

const render = (...files: string[]) => renderChart(keys, ...files);
const named = (manifests: Manifest[], kind: string) =>
  Object.fromEntries(
    manifests
      .filter((m) => m.kind === kind)
      .map((m) => [m.metadata.name.replace(/^todo-/, ''), m.spec]),
  );

describe('the chart defaults are the first step of docs/SCALING.md', () => {
  const step = firstStep();

  it('HPA bounds, CPU target and disruption budget of every app', async () => {
    const manifests = await render();
    const hpas = named(manifests, 'HorizontalPodAutoscaler') as Record<
      string,
      {
        minReplicas: number;
        maxReplicas: number;
        metrics: { resource: { target: { averageUtilization: number } } }[];
      }
    >;
    const pdbs = named(manifests, 'PodDisruptionBudget') as Record<
      string,
      { minAvailable: number }
    >;
    expect(Object.keys(hpas).sort()).toEqual([...apps].sort());
    for (const app of apps) {
      expect(
        {
          min: hpas[app]!.minReplicas,
          max: hpas[app]!.maxReplicas,
          minAvailable: pdbs[app]!.minAvailable,
        },
        app,
      ).toEqual(step.apps[app]);
      expect(hpas[app]!.metrics[0]!.resource.target.averageUtilization).toBe(
        step.targetCPUUtilizationPercentage,
      );
    }
  });

  it('replicas apart on nodes and spread over zones, a rule in the cloud', async () => {
    type PodSpec = {
      template: {
        spec: {
          affinity: { podAntiAffinity: Record<string, unknown[]> };
          topologySpreadConstraints: { topologyKey: string; whenUnsatisfiable: string }[];
        };
      };
    };
    for (const [files, rule] of [
      [[], 'ScheduleAnyway'],
      [['values-cloud.yaml'], 'DoNotSchedule'],
    ] as const) {
      const deployments = named(await render(...files), 'Deployment') as Record<string, PodSpec>;
      expect(Object.keys(deployments).sort()).toEqual([...apps].sort());
      for (const [app, deployment] of Object.entries(deployments)) {
        const spec = deployment.template.spec;
        expect(JSON.stringify(spec.affinity.podAntiAffinity), app).toContain(
          '"topologyKey":"kubernetes.io/hostname"',
        );
        expect(JSON.stringify(spec.affinity.podAntiAffinity)).toContain(
          `"app.kubernetes.io/name":"${app}"`,
        );
        expect(spec.topologySpreadConstraints).toEqual([
          expect.objectContaining({
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: rule,
          }),
        ]);
      }
    }
  });

  it('partition counts: the chart’s topic list and the local stack’s topics', () => {
    const values = parse(readFileSync(join(chart, 'values.yaml'), 'utf8')) as {
      kafka: { topics: { name: string; partitions: number }[] };
    };
    const counts = (list: readonly { name: string; partitions: number }[]) =>
      Object.fromEntries(list.map((topic) => [topic.name, topic.partitions]));
    expect(counts(values.kafka.topics)).toEqual(step.partitions);
    expect(counts(stackTopics)).toEqual(step.partitions);
  });

  it('is what the capacity model derives from the measured CPU for that many users', () => {
    const results = (name: string) =>
      JSON.parse(readFileSync(join(repoRoot, 'bench', 'results', `${name}.json`), 'utf8'));
    const derived = plan(
      step.users,
      cpuPerOperation((results('api') as { runs: MeasuredRun[] }).runs),
      storagePerTask(results('storage')),
    );
    expect(derived.hpa).toEqual(
      Object.fromEntries(
        apps.map((app) => [app, { min: step.apps[app].min, max: step.apps[app].max }]),
      ),
    );
    expect(derived.partitions).toEqual(step.partitions);
  });
});

describe('the capacity model', () => {
  const runs: MeasuredRun[] = [
    ['create', 8],
    ['complete', 1],
    ['list', 8],
    ['get', 8],
  ].map(([operation, connections]) => ({
    target: 'gateway',
    operation: operation as string,
    connections: connections as number,
    cpu_ms_per_request: {
      'todo-actors-1': 2,
      'todo-actors-2': 2,
      'daprd-todo-actors-1': 1,
      'todo-projector': 1,
      postgres: 1,
      total: 7,
      'load generator': 5,
    },
  }));
  const storage = { actorState: 1, readModel: 1, auditEvent: 1 };

  it('sums an app’s replicas and sidecars, and leaves out the totals and the load generator', () => {
    expect(cpuPerOperation(runs).create).toEqual({ actors: 5, projector: 1, postgres: 1 });
  });

  it('never gives a consumer more replicas than its topic has partitions, and grows partitions with events', () => {
    const cpu = cpuPerOperation(runs);
    const small = plan(10_000, cpu, storage);
    const large = plan(100_000_000, cpu, storage);
    expect(large.partitions['task-events']).toBeGreaterThan(small.partitions['task-events']);
    for (const step of [small, large]) {
      expect(step.hpa.projector.max).toBeLessThanOrEqual(step.partitions['task-events']);
      expect(step.hpa.audit.max).toBeLessThanOrEqual(step.partitions['task-events']);
      expect(step.hpa.notifier.max).toBeLessThanOrEqual(step.partitions.reminders);
      expect(step.partitions['task-events'] % 3).toBe(0);
    }
  });
});
