import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorCrdDirs } from '../../stack/install/kube-schemas.ts';
import { helmBinary, repoRoot } from '../../stack/paths.ts';
import { startKubeApiServer, type KubeApiServer } from '../../stack/services/kube-apiserver.ts';
import { startKubeControllers } from '../../stack/services/kube-controllers.ts';
import { versions } from '../../stack/versions.ts';
import { callerKeysValuesFile } from '../support/chart-keys.ts';
import { eventually } from '../support/eventually.ts';
import { installCrds, objectPaths, parseObjects, type KubeObject } from '../support/kube-api.ts';

/**
 * The chart meets a real API server (kube-apiserver on etcd, built from the Kubernetes module):
 * what `helm template` and kubeconform cannot tell — the server's own validation and defaulting,
 * the CRDs as Dapr and the Prometheus Operator serve them, the chart's `lookup` of the Secrets it
 * made (tokens and keys kept across upgrades), Helm's release bookkeeping — decides here. No
 * controller runs in the first part, so nothing becomes ready; the objects are what is checked.
 */
const chart = join(repoRoot, 'charts', 'todo-chatbot');
const exec = promisify(execFile);
const valuesFiles = [undefined, 'values-local.yaml', 'values-cloud.yaml'] as const;

type Deployment = KubeObject & {
  spec: { template: { spec: { containers: { name: string; image: string }[] } } };
};
type Release = { version: number; info: { status: string } };

/** Kubernetes' own groups are core, dot-less (apps, policy, …) or under k8s.io. */
const customGroup = (apiVersion: string) => {
  const group = apiVersion.split('/').slice(0, -1).join('/');
  return group.includes('.') && !group.endsWith('.k8s.io');
};

let api: KubeApiServer;
let dir: string;
/** The signers' keys, as an operator gives them on the first install only. */
let keys: string[];

/**
 * Runs helm against the server. Whatever the server warns about (unknown or duplicate fields,
 * deprecated APIs) client-go prints on stderr: a command that succeeds must print nothing there.
 */
const helm = async (...args: string[]) => {
  const { stdout, stderr } = await exec(helmBinary, [...args, '--kubeconfig', api.kubeconfig], {
    cwd: chart,
    maxBuffer: 20 * 1024 * 1024,
    // Helm's caches and settings of the run's own: nothing left in the user's home.
    env: {
      ...process.env,
      HELM_CACHE_HOME: join(dir, 'helm', 'cache'),
      HELM_CONFIG_HOME: join(dir, 'helm', 'config'),
      HELM_DATA_HOME: join(dir, 'helm', 'data'),
    },
  });
  expect(stderr, `helm ${args[0]} warned`).toBe('');
  return stdout;
};
const valuesArgs = (file: string | undefined) => (file ? ['-f', file] : []);

/** The data of the release's mesh Secrets (tokens, signing keys), by name. */
async function meshSecrets(namespace: string): Promise<Record<string, Record<string, string>>> {
  const { status, body } = await api.request<{
    items: (KubeObject & { data?: Record<string, string> })[];
  }>('GET', `/api/v1/namespaces/${namespace}/secrets`);
  expect(status).toBe(200);
  return Object.fromEntries(
    body.items
      .filter((secret) => /-(dapr-api-token|app-token|caller-key)$/.test(secret.metadata.name))
      .map((secret) => [secret.metadata.name, secret.data ?? {}]),
  );
}

async function images(namespace: string): Promise<string[]> {
  const { status, body } = await api.request<{ items: Deployment[] }>(
    'GET',
    `/apis/apps/v1/namespaces/${namespace}/deployments`,
  );
  expect(status).toBe(200);
  return body.items.flatMap((d) => d.spec.template.spec.containers.map((c) => c.image)).sort();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'todo-chatbot-apiserver-'));
  keys = ['-f', callerKeysValuesFile()];
  api = await startKubeApiServer(join(dir, 'cluster'));
  // The custom kinds any values file renders, from the CRDs of the pinned Dapr and Prometheus
  // Operator releases.
  const kinds = new Set<string>();
  for (const file of valuesFiles)
    for (const object of parseObjects(
      await helm(
        'template',
        'todo',
        '.',
        '--kube-version',
        versions.kubernetes,
        ...keys,
        ...valuesArgs(file),
      ),
    ))
      if (customGroup(object.apiVersion)) kinds.add(object.kind);
  const installed = await installCrds(api, await operatorCrdDirs(), kinds);
  expect(new Set(installed)).toEqual(kinds);
}, 120_000);

afterAll(async () => {
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the chart against a real kube-apiserver', { timeout: 120_000 }, () => {
  it('is served by the release it was built from, which the chart accepts and a newer constraint refuses', async () => {
    const { body } = await api.request<{ gitVersion: string; major: string; minor: string }>(
      'GET',
      '/version',
    );
    expect(body.gitVersion).toBe(`v${versions.kubernetes}`);
    expect(`${body.major}.${body.minor}`).toBe(versions.kubernetes.split('.', 2).join('.'));

    // Helm checks kubeVersion against what the server reports: a chart asking for the next minor
    // is refused before anything is created.
    const [major, minor] = versions.kubernetes.split('.').map(Number);
    const newer = join(dir, 'newer-chart');
    cpSync(chart, newer, { recursive: true });
    const chartYaml = join(newer, 'Chart.yaml');
    writeFileSync(
      chartYaml,
      readFileSync(chartYaml, 'utf8').replace(
        /^kubeVersion: .*$/m,
        `kubeVersion: '>=${major}.${minor! + 1}.0-0'`,
      ),
    );
    await expect(
      helm('install', 'too-new', newer, '--namespace', 'too-new', '--create-namespace'),
    ).rejects.toThrow(/incompatible with Kubernetes v\d/);
    const { status } = await api.request('GET', '/api/v1/namespaces/too-new');
    expect(status).toBe(404);
  });

  it.each(valuesFiles.map((file) => [file ?? 'values.yaml', file] as const))(
    'installs with %s, upgrades and rolls back',
    async (name, file) => {
      const namespace = `todo-${name.replace(/\.yaml$/, '').replace('values', 'default')}`;
      const release = ['todo', '--namespace', namespace];
      await helm('install', ...release, '.', '--create-namespace', ...keys, ...valuesArgs(file));
      const installed = JSON.parse(await helm('status', ...release, '-o', 'json')) as Release;
      expect(installed).toMatchObject({ version: 1, info: { status: 'deployed' } });

      // Every object of the release is stored as Helm's: the server accepted each one.
      const manifest = parseObjects(await helm('get', 'manifest', ...release));
      const pathOf = objectPaths(api);
      for (const object of manifest) {
        const path = await pathOf(object, namespace);
        const { status, body } = await api.request<KubeObject>('GET', path);
        expect(status, `${object.kind} ${object.metadata.name}`).toBe(200);
        expect(body.metadata.annotations?.['meta.helm.sh/release-name']).toBe('todo');
        expect(body.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('Helm');
      }
      const kinds = new Set(manifest.map((object) => object.kind));
      for (const kind of [
        'Deployment',
        'Service',
        'ServiceAccount',
        'Secret',
        'NetworkPolicy',
        'Component',
        'Configuration',
      ])
        expect(kinds, kind).toContain(kind);

      const before = await images(namespace);
      expect(before.length).toBeGreaterThan(0);
      const meshBefore = await meshSecrets(namespace);
      expect(Object.keys(meshBefore).length).toBeGreaterThan(0);
      // No keys this time: the chart reads the signers' keys back from the Secrets it made, and
      // keeps every token it generated.
      const tag = 'c0ffee0000000000000000000000000000000001';
      await helm(
        'upgrade',
        ...release,
        '.',
        ...valuesArgs(file),
        '--set-string',
        `image.tag=${tag}`,
      );
      const upgraded = await images(namespace);
      expect(upgraded.length).toBe(before.length);
      for (const image of upgraded) expect(image).toMatch(new RegExp(`:${tag}$`));
      expect(await meshSecrets(namespace)).toEqual(meshBefore);

      await helm('rollback', ...release, '1');
      expect(await images(namespace)).toEqual(before);
      const history = JSON.parse(await helm('history', ...release, '-o', 'json')) as {
        revision: number;
        status: string;
      }[];
      expect(history.map((entry) => [entry.revision, entry.status])).toEqual([
        [1, 'superseded'],
        [2, 'superseded'],
        [3, 'deployed'],
      ]);

      // Uninstalled, the release leaves nothing of its own behind but what it marks to keep
      // (and nothing for the controllers of the next part to roll out).
      await helm('uninstall', ...release, '--wait');
      const kept = (object: KubeObject) =>
        object.metadata.annotations?.['helm.sh/resource-policy'] === 'keep';
      for (const object of manifest.filter((candidate) => !kept(candidate))) {
        const { status } = await api.request('GET', await pathOf(object, namespace));
        expect(status, `${object.kind} ${object.metadata.name}`).toBe(404);
      }
    },
  );

  describe('with controllers and a simulated node', () => {
    let controllers: { stop(): Promise<void> } | undefined;
    beforeAll(async () => {
      controllers = await startKubeControllers(api, join(dir, 'cluster'));
    }, 60_000);
    afterAll(async () => {
      await controllers?.stop();
    });

    type Rollout = Deployment & {
      metadata: { generation: number };
      spec: {
        replicas: number;
        template: { spec: { containers: { resources: { requests: { cpu: string } } }[] } };
      };
      status: { observedGeneration?: number; readyReplicas?: number; updatedReplicas?: number };
    };
    const rolledOut = (d: Rollout) =>
      d.status.observedGeneration === d.metadata.generation &&
      d.status.updatedReplicas === d.spec.replicas &&
      d.status.readyReplicas === d.spec.replicas;
    /**
     * Helm's wait counts the new ReplicaSet's ready pods; the Deployment's own status follows a
     * moment later, from the controller.
     */
    const allRolledOut = (namespace: string) =>
      eventually(
        `every Deployment in ${namespace} rolled out`,
        async () => {
          const { body } = await api.request<{ items: Rollout[] }>(
            'GET',
            `/apis/apps/v1/namespaces/${namespace}/deployments`,
          );
          return body.items.length > 0 && body.items.every(rolledOut) ? body.items : undefined;
        },
        { timeoutMs: 20_000 },
      );
    const containers = (d: Rollout) => d.spec.template.spec.containers;

    it('waits for every Deployment to roll out, and rolls a rollout that cannot finish back by itself', async () => {
      const namespace = 'todo-rollout';
      const release = ['todo', '--namespace', namespace, '-f', 'values-local.yaml'];
      const wait = ['--wait', '--timeout', '60s'];
      await helm('install', ...release, '.', '--create-namespace', ...keys, ...wait);
      await allRolledOut(namespace);

      const tag = 'c0ffee0000000000000000000000000000000002';
      const newTag = ['--set-string', `image.tag=${tag}`];
      await helm('upgrade', ...release, '.', '--atomic', ...wait, ...newTag);
      for (const d of await allRolledOut(namespace))
        expect(containers(d)[0]!.image, d.metadata.name).toMatch(new RegExp(`:${tag}$`));

      // A gateway asking for more CPU than the node has: its new pod cannot be scheduled, the
      // rollout never finishes (the old replica keeps serving: maxUnavailable is 0), and
      // --atomic puts revision 2 back.
      await expect(
        helm(
          'upgrade',
          ...release,
          '.',
          '--atomic',
          '--wait',
          '--timeout',
          '15s',
          ...newTag,
          '--set-string',
          'components.gateway.resources.requests.cpu=64',
          '--set-string',
          'components.gateway.resources.limits.cpu=64',
        ),
      ).rejects.toThrow(/rolled back due to atomic being set/);
      const { body: events } = await api.request<{ items: { reason: string; message: string }[] }>(
        'GET',
        `/api/v1/namespaces/${namespace}/events`,
      );
      expect(
        events.items.some(
          (e) => e.reason === 'FailedScheduling' && e.message.includes('Insufficient cpu'),
        ),
      ).toBe(true);
      const history = JSON.parse(
        await helm('history', 'todo', '--namespace', namespace, '-o', 'json'),
      ) as { revision: number; status: string; description: string }[];
      expect(history.map((entry) => [entry.revision, entry.status])).toEqual([
        [1, 'superseded'],
        [2, 'superseded'],
        [3, 'failed'],
        [4, 'deployed'],
      ]);
      expect(history.at(-1)!.description).toBe('Rollback to 2');
      for (const d of await allRolledOut(namespace)) {
        expect(containers(d)[0]!.image, d.metadata.name).toMatch(new RegExp(`:${tag}$`));
        expect(containers(d)[0]!.resources.requests.cpu, d.metadata.name).not.toBe('64');
      }
    });
  });
});
