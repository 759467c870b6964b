import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppName } from '../../stack/apps.ts';
import { eventually } from '../support/eventually.ts';
import { sidecarClient } from '../../stack/sidecar-client.ts';
import { useOwnStack } from '../support/own-stack.ts';

/**
 * The HA profile (`npm start -- --profile ha`): three actor hosts share the actors placement
 * gives them, a lost host's actors come back on the others, and the supervisor starts the lost
 * host again as a Deployment would.
 */
const own = useOwnStack('ha-placement', () => ({}), { profile: 'ha', infra: 'processes' });
const hosts = ['todo-actors-1', 'todo-actors-2', 'todo-actors-3'] as const satisfies AppName[];

async function activeTaskActors(host: AppName): Promise<number> {
  const metadata = (await sidecarClient(own.stack().info, host).metadata()) as {
    actorRuntime?: { activeActors?: { type: string; count?: number }[] };
  };
  return (
    metadata.actorRuntime?.activeActors?.find((actor) => actor.type === 'TaskActor')?.count ?? 0
  );
}

const created: string[] = [];

describe('the ha profile', () => {
  it('runs what a cluster runs, with nginx in front of two gateways', async () => {
    const { info } = own.stack();
    expect(own.stack().replicas('todo-actors')).toEqual(hosts);
    expect(own.stack().replicas('todo-gateway')).toHaveLength(2);
    expect(info.placementPorts).toHaveLength(3);
    expect(info.schedulerPorts).toHaveLength(3);
    expect(info.kafkaBrokers.split(',')).toHaveLength(3);
    const gatewayPorts = own
      .stack()
      .replicas('todo-gateway')
      .map((name) => info.apps[name].appPort);
    expect(gatewayPorts).not.toContain(Number(new URL(info.gatewayUrl).port));
    const ready = await fetch(`${info.gatewayUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, boolean> }).checks.actors).toBe(true);
  });

  it('spreads actors over the hosts', async () => {
    const api = await own.api('spread-user');
    for (let i = 0; i < 60; i++) {
      const answer = await api('POST', '/tasks', { title: `spread ${i}` });
      expect(answer.status).toBe(201);
      created.push(String(answer.body!.id));
    }
    const perHost = Object.fromEntries(
      await Promise.all(hosts.map(async (host) => [host, await activeTaskActors(host)] as const)),
    );
    console.log(`[ha] TaskActors per host after 60 creates: ${JSON.stringify(perHost)}`);
    expect(Object.values(perHost).reduce((sum, count) => sum + count, 0)).toBe(60);
    expect(Object.values(perHost).filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('serves the tasks of a host killed with SIGKILL, and starts the host again', async () => {
    const lost = hosts[2];
    const before = await activeTaskActors(lost);
    const oldPid = own.stack().process(lost).pid;
    await Promise.all([
      own.stack().process(lost).kill(),
      own.stack().process(`daprd-${lost}`).kill(),
    ]);
    const killedAt = Date.now();
    const api = await own.api('spread-user');
    // Every task, those that lived on the lost host included, answers again.
    for (const id of created) {
      await eventually(
        `task ${id} after the host's loss`,
        async () => ((await api('GET', `/tasks/${id}`)).status === 200 ? true : undefined),
        { timeoutMs: 30_000, intervalMs: 250 },
      );
    }
    console.log(
      `[ha] ${before} TaskActors lived on ${lost}; all ${created.length} tasks readable ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
    );

    // The supervisor noticed the crash and started the host (and its sidecar) again.
    await eventually(
      `${lost} started again`,
      async () => {
        const process = own.stack().process(lost);
        if (!process.running || process.pid === oldPid) return undefined;
        const port = own.stack().info.apps[lost].appPort;
        return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(own.stack().process(`daprd-${lost}`).running).toBe(true);
    const log = readFileSync(join(own.stack().info.logDir, `${lost}.log`), 'utf8');
    expect(log).toMatch(/signal SIGKILL\) after [\d.]+ s; restart 1 in 0\.5 s/);
    expect(log).toContain('restarted by the supervisor');
  });
});
