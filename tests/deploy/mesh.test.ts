import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../../stack/paths.ts';
import { chartDir as chart, ofKind, renderChart, type Manifest } from '../support/chart.ts';
import { callerKeysValuesFile, generateCallerKeys, signers } from '../support/chart-keys.ts';

/**
 * The mesh as the chart renders it (issue 16, docs/SECURITY.md), object by object: tokens between
 * each app and its sidecar, caller keys, secrets per component, Dapr access control and scopes,
 * network policies, and what the ingress lets out.
 */
const keys = generateCallerKeys();
const keysFile = callerKeysValuesFile(keys);

type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
};
type PodTemplate = {
  metadata: { annotations: Record<string, string> };
  spec: {
    automountServiceAccountToken?: boolean;
    serviceAccountName: string;
    containers: { env: EnvVar[] }[];
  };
};
type Peer = {
  namespaceSelector?: { matchLabels?: Record<string, string> };
  podSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: { cidr: string };
};
type Rule = { ports?: { port: number; protocol: string }[]; from?: Peer[]; to?: Peer[] };
type PolicySpec = {
  podSelector: { matchLabels: Record<string, string> };
  policyTypes: string[];
  ingress?: Rule[];
  egress?: Rule[];
};

const render = renderChart;
const named = (manifests: Manifest[], kind: string, name: string) => {
  const found = ofKind(manifests, kind).find((m) => m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const podOf = (manifests: Manifest[], component: string) =>
  (named(manifests, 'Deployment', `todo-${component}`).spec as { template: PodTemplate }).template;
const envOf = (manifests: Manifest[], component: string) =>
  podOf(manifests, component).spec.containers[0]!.env;
const secretText = (manifests: Manifest[], name: string, key: string) =>
  Buffer.from(named(manifests, 'Secret', name).data![key]!, 'base64').toString('utf8');
const components = ['actors', 'audit', 'gateway', 'notifier', 'projector', 'realtime'];

describe('the mesh of the chart', () => {
  it('gives every component its own Dapr API token and app token: annotations for the sidecar, env for the app', async () => {
    const manifests = await render(keysFile);
    const tokens = new Set<string>();
    for (const component of components) {
      const pod = podOf(manifests, component);
      const api = `todo-${component}-dapr-api-token`;
      const app = `todo-${component}-app-token`;
      expect(pod.metadata.annotations['dapr.io/api-token-secret'], component).toBe(api);
      expect(pod.metadata.annotations['dapr.io/app-token-secret'], component).toBe(app);
      const env = pod.spec.containers[0]!.env;
      expect(env.find((e) => e.name === 'DAPR_API_TOKEN')?.valueFrom).toEqual({
        secretKeyRef: { name: api, key: 'token' },
      });
      expect(env.find((e) => e.name === 'APP_API_TOKEN')?.valueFrom).toEqual({
        secretKeyRef: { name: app, key: 'token' },
      });
      for (const name of [api, app]) {
        const token = secretText(manifests, name, 'token');
        expect(token.length, name).toBeGreaterThanOrEqual(32);
        tokens.add(token);
      }
    }
    // One pair per component: a compromised pod opens no other sidecar.
    expect(tokens.size).toBe(components.length * 2);
  });

  it('takes a component’s tokens and key from Secrets made out of band when they are named', async () => {
    const manifests = await render(
      keysFile,
      'mesh.existingSecrets.gateway.apiToken=gw-dapr-token',
      'mesh.existingSecrets.gateway.appToken=gw-app-token',
      'mesh.existingSecrets.gateway.callerKey=gw-caller-key',
    );
    const pod = podOf(manifests, 'gateway');
    expect(pod.metadata.annotations['dapr.io/api-token-secret']).toBe('gw-dapr-token');
    expect(pod.metadata.annotations['dapr.io/app-token-secret']).toBe('gw-app-token');
    expect(
      pod.spec.containers[0]!.env.find((e) => e.name === 'SECRET_CALLER_SIGNING_KEY')?.valueFrom,
    ).toEqual({ secretKeyRef: { name: 'gw-caller-key', key: 'caller-signing-key' } });
    const secrets = ofKind(manifests, 'Secret').map((s) => s.metadata.name);
    expect(secrets.filter((name) => name.startsWith('todo-gateway-'))).toEqual([]);
    expect(secrets).toContain('todo-notifier-caller-key');
  });

  it('has the gateway, the notifier and the actor host sign with their own keys, and the actor host believe exactly their public keys', async () => {
    const manifests = await render(keysFile);
    const trusted: Record<string, string> = {};
    for (const component of components) {
      const env = envOf(manifests, component);
      const signing = env.find((e) => e.name === 'SECRET_CALLER_SIGNING_KEY');
      if (!(signers as readonly string[]).includes(component)) {
        expect(signing, component).toBeUndefined();
        continue;
      }
      const secret = `todo-${component}-caller-key`;
      expect(signing?.valueFrom).toEqual({
        secretKeyRef: { name: secret, key: 'caller-signing-key' },
      });
      trusted[`todo-${component}`] = secretText(manifests, secret, 'caller-signing-key');
    }
    const believed = JSON.parse(
      envOf(manifests, 'actors').find((e) => e.name === 'CALLER_TRUSTED_KEYS')!.value!,
    ) as Record<string, string>;
    expect(Object.keys(believed).sort()).toEqual(['todo-actors', 'todo-gateway', 'todo-notifier']);
    for (const [appId, privatePem] of Object.entries(trusted)) {
      // What a signer signs with, its public key in the actor host verifies; no other does.
      const message = Buffer.from(`caller assertion of ${appId}`);
      const signature = sign(null, message, createPrivateKey(privatePem));
      for (const [other, publicPem] of Object.entries(believed))
        expect(verify(null, message, createPublicKey(publicPem), signature), other).toBe(
          other === appId,
        );
    }
    for (const component of components.filter((c) => c !== 'actors'))
      expect(envOf(manifests, component).map((e) => e.name)).not.toContain('CALLER_TRUSTED_KEYS');
    // The private keys came from the install, never from a committed values file.
    for (const file of readdirSync(chart).filter((f) => /^values.*\.yaml$/.test(f)))
      expect(readFileSync(join(chart, file), 'utf8'), file).not.toMatch(/BEGIN [A-Z ]*KEY/);
  });

  it('refuses to render without a signer’s public key, or without its private key on a first install', async () => {
    await expect(render()).rejects.toThrow(/mesh\.callerKeys\.\w+\.publicKey is empty/);
    const publicOnly = callerKeysValuesFile(
      Object.fromEntries(
        signers.map((s) => [s, { publicKey: keys[s].publicKey, privateKey: '' }]),
      ) as typeof keys,
    );
    await expect(render(publicOnly)).rejects.toThrow(
      /mesh\.callerKeys\.\w+\.privateKey is empty and the cluster holds no Secret todo-\w+-caller-key/,
    );
    await expect(render(keysFile, 'mesh.callerKeys.gateway.publicKey=not a key')).rejects.toThrow(
      'publicKey',
    );
  });

  it('mounts into each Deployment exactly the secrets it needs', async () => {
    const manifests = await render(keysFile, 'chat.llm.baseUrl=https://api.openai.com/v1');
    const app = (key: string) => `todo-secrets/${key}`;
    const own = (component: string, signs: boolean) => [
      `todo-${component}-app-token/token`,
      ...(signs ? [`todo-${component}-caller-key/caller-signing-key`] : []),
      `todo-${component}-dapr-api-token/token`,
    ];
    const expected: Record<string, string[]> = {
      gateway: [
        ...['chat-llm-api-key', 'jwt-secret', 'postgres-url', 'redis-url'].map(app),
        ...own('gateway', true),
      ],
      realtime: [...['jwt-secret', 'redis-url'].map(app), ...own('realtime', false)],
      actors: [app('postgres-url'), ...own('actors', true)],
      projector: [app('postgres-url'), ...own('projector', false)],
      audit: [app('postgres-url'), ...own('audit', false)],
      notifier: [
        ...[
          'jwt-secret',
          'postgres-url',
          'smtp-host',
          'smtp-password',
          'smtp-port',
          'smtp-user',
        ].map(app),
        ...own('notifier', true),
      ],
    };
    for (const component of components) {
      const refs = envOf(manifests, component).flatMap((e) =>
        e.valueFrom?.secretKeyRef
          ? [`${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`]
          : [],
      );
      expect(refs.sort(), component).toEqual(expected[component]!.sort());
    }
  });

  it('gives no pod a service-account token and no account any access to the Kubernetes API', async () => {
    const manifests = await render(keysFile);
    expect(ofKind(manifests, 'Role')).toEqual([]);
    expect(ofKind(manifests, 'RoleBinding')).toEqual([]);
    expect(ofKind(manifests, 'ClusterRoleBinding')).toEqual([]);
    for (const account of ofKind(manifests, 'ServiceAccount'))
      expect(account.automountServiceAccountToken, account.metadata.name).toBe(false);
    for (const component of components) {
      const pod = podOf(manifests, component);
      expect(pod.spec.automountServiceAccountToken, component).toBe(false);
      expect(pod.spec.serviceAccountName).toBe(`todo-${component}`);
      // The sidecar's built-in Kubernetes secret store would need the token; nothing reads it.
      expect(pod.metadata.annotations['dapr.io/disable-builtin-k8s-secret-store']).toBe('true');
    }
  });

  it('gives every app its own Dapr Configuration: mTLS, no service invocation allowed, no secret readable', async () => {
    const manifests = await render(keysFile);
    expect(ofKind(manifests, 'Configuration')).toHaveLength(components.length);
    for (const component of components) {
      const name = podOf(manifests, component).metadata.annotations['dapr.io/config']!;
      expect(name).toBe(`todo-${component}-dapr`);
      const spec = named(manifests, 'Configuration', name).spec as Record<string, unknown>;
      expect(spec.mtls).toMatchObject({ enabled: true });
      expect(spec.accessControl).toEqual({
        defaultAction: 'deny',
        trustDomain: 'public',
        policies: [],
      });
      expect(spec.secrets).toEqual({
        scopes: [{ storeName: 'kubernetes', defaultAccess: 'deny' }],
      });
    }
  });

  it('lets only the actor host publish the task topics, and each consumer subscribe to its own', async () => {
    const manifests = await render(keysFile);
    const pubsub = named(manifests, 'Component', 'pubsub');
    const metadata = (pubsub.spec as { metadata: { name: string; value?: string }[] }).metadata;
    const scopes = (name: string) =>
      Object.fromEntries(
        metadata
          .find((m) => m.name === name)!
          .value!.split(';')
          .map((entry) => entry.split('='))
          .map(([app, topics]) => [app, topics ? topics.split(',').sort() : []]),
      );
    expect(scopes('publishingScopes')).toEqual({
      'todo-actors': ['reminders', 'task-events'],
      'todo-audit': ['dlq-events'],
      'todo-notifier': ['dlq-events'],
      'todo-projector': ['dlq-events'],
      'todo-realtime': ['dlq-events'],
    });
    expect(scopes('subscriptionScopes')).toEqual({
      'todo-actors': [],
      'todo-audit': ['dlq-events', 'reminders', 'task-events'],
      'todo-notifier': ['reminders'],
      'todo-projector': ['task-events'],
      'todo-realtime': ['reminders', 'task-events'],
    });
    expect(metadata.find((m) => m.name === 'allowedTopics')?.value).toBe(
      'task-events,reminders,dlq-events',
    );
    // The gateway publishes nothing and subscribes to nothing: it does not load the component.
    expect(pubsub.scopes).toEqual([
      'todo-actors',
      'todo-audit',
      'todo-notifier',
      'todo-projector',
      'todo-realtime',
    ]);
  });

  it('writes the same scopes and access control into dapr-components/cloud/', async () => {
    const manifests = await render(keysFile, 'values-cloud.yaml');
    const cloud = ['pubsub.yaml', 'config.yaml'].flatMap((file) =>
      parseAllDocuments(readFileSync(join(repoRoot, 'dapr-components', 'cloud', file), 'utf8')).map(
        (document) => document.toJSON() as Manifest,
      ),
    );
    const scoped = (m: Manifest) => ({
      scopes: m.scopes,
      metadata: (m.spec as { metadata: { name: string; value?: string }[] }).metadata
        .filter((entry) => /Topics|Scopes$/.test(entry.name))
        .sort((a, b) => a.name.localeCompare(b.name)),
    });
    expect(scoped(named(cloud, 'Component', 'pubsub'))).toEqual(
      scoped(named(manifests, 'Component', 'pubsub')),
    );
    expect(
      ofKind(cloud, 'Configuration')
        .map((c) => c.metadata.name)
        .sort(),
    ).toEqual(components.map((c) => `todo-${c}-dapr`));
    for (const configuration of ofKind(cloud, 'Configuration'))
      expect(configuration.spec, configuration.metadata.name).toEqual(
        named(manifests, 'Configuration', configuration.metadata.name).spec,
      );
  });
});

describe('the network policies of the chart', () => {
  const policies = async (...values: string[]) =>
    Object.fromEntries(
      ofKind(await render(keysFile, ...values), 'NetworkPolicy').map((p) => [
        p.metadata.name,
        p.spec as unknown as PolicySpec,
      ]),
    );
  const ports = (rule: Rule) => (rule.ports ?? []).map((p) => `${p.port}/${p.protocol}`).sort();

  it('deny both ways by default, and open no port to a label alone or to any namespace', async () => {
    const all = await policies();
    expect(all['todo-default-deny']).toMatchObject({
      podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'todo' } },
      policyTypes: ['Ingress', 'Egress'],
    });
    for (const [name, policy] of Object.entries(all))
      for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
        expect(rule.ports?.length, `${name} opens every port`).toBeGreaterThan(0);
        for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])])
          if (peer.namespaceSelector)
            expect(peer.namespaceSelector.matchLabels, `${name}: any namespace`).toHaveProperty([
              'kubernetes.io/metadata.name',
            ]);
      }
  });

  it('let the sidecars reach each other on 50002 only, and the control plane in its namespace on its ports', async () => {
    const mesh = (await policies('dapr.namespace=dapr-control'))['todo-dapr-mesh']!;
    const release = { podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'todo' } } };
    expect(mesh.ingress).toEqual([{ from: [release], ports: [{ port: 50002, protocol: 'TCP' }] }]);
    const controlPlane = mesh.egress!.find((rule) =>
      rule.to?.some((peer) => peer.namespaceSelector),
    )!;
    expect(controlPlane.to).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dapr-control' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'dapr' } },
      },
    ]);
    expect(ports(controlPlane)).toEqual(['50001/TCP', '50005/TCP', '50006/TCP', '6500/TCP']);
    expect(mesh.egress).toContainEqual({
      to: [release],
      ports: [{ port: 50002, protocol: 'TCP' }],
    });
    expect(mesh.egress).toContainEqual({
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    });
  });

  it('let Prometheus, from its namespace, scrape every app and its sidecar', async () => {
    const all = await policies(
      'networkPolicies.prometheus.namespace=observability',
      'networkPolicies.prometheus.podLabels.app=prom',
    );
    for (const component of components) {
      const policy = all[`todo-${component}-metrics`]!;
      expect(policy.podSelector.matchLabels['app.kubernetes.io/name']).toBe(component);
      expect(policy.ingress).toEqual([
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'observability' },
              },
              podSelector: {
                matchLabels: { 'app.kubernetes.io/name': 'prometheus', app: 'prom' },
              },
            },
          ],
          ports: [
            { port: 8080, protocol: 'TCP' },
            { port: 9090, protocol: 'TCP' },
          ],
        },
      ]);
    }
    const manifests = await render(keysFile);
    const monitor = ofKind(manifests, 'ServiceMonitor')[0]!.spec as {
      endpoints: { port: string }[];
    };
    expect(monitor.endpoints.map((e) => e.port)).toEqual(['http', 'dapr-metrics']);
    for (const component of components)
      expect(
        (
          named(manifests, 'Service', `todo-${component}`).spec as {
            ports: { name: string; targetPort: unknown }[];
          }
        ).ports.map((p) => p.name),
      ).toEqual(['http', 'dapr-metrics']);
  });

  it('let each component out to the backing services it uses, and nowhere else', async () => {
    const egressPorts = (all: Record<string, PolicySpec>, component: string) =>
      (all[`todo-${component}-egress`]?.egress ?? []).flatMap(ports).sort();
    const all = await policies();
    expect(
      Object.fromEntries(components.map((c) => [c, egressPorts(all, c)])) as Record<
        string,
        string[]
      >,
    ).toEqual({
      actors: ['5432/TCP', '9092/TCP', '9093/TCP'],
      audit: ['5432/TCP', '9092/TCP', '9093/TCP'],
      gateway: ['5432/TCP', '6379/TCP', '6380/TCP'],
      notifier: ['25/TCP', '465/TCP', '5432/TCP', '587/TCP', '9092/TCP', '9093/TCP'],
      projector: ['5432/TCP', '9092/TCP', '9093/TCP'],
      realtime: ['6379/TCP', '6380/TCP', '9092/TCP', '9093/TCP'],
    });
    // The language model, when configured, to the addresses given.
    const withLlm = await policies(
      'chat.llm.baseUrl=https://llm.example.com/v1',
      'networkPolicies.egress.chatLlm.to[0].ipBlock.cidr=203.0.113.0/24',
    );
    expect(withLlm['todo-gateway-egress']!.egress).toContainEqual({
      ports: [{ port: 443, protocol: 'TCP' }],
      to: [{ ipBlock: { cidr: '203.0.113.0/24' } }],
    });
    expect(egressPorts(withLlm, 'notifier')).not.toContain('443/TCP');
  });
});

describe('the ingress of the chart', () => {
  /** Whether an Ingress path matches a request path, as Kubernetes defines Exact and Prefix. */
  const matches = (rule: { path: string; pathType: string }, path: string) =>
    rule.pathType === 'Exact'
      ? rule.path === path
      : rule.path === '/' ||
        path === rule.path.replace(/\/$/, '') ||
        path.startsWith(`${rule.path.replace(/\/$/, '')}/`);

  it('routes the public paths, and not /metrics or the probes', async () => {
    const [ingress] = ofKind(await render(keysFile), 'Ingress');
    const rules = (
      ingress!.spec as { rules: { http: { paths: { path: string; pathType: string }[] } }[] }
    ).rules[0]!.http.paths;
    const routed = (path: string) => rules.some((rule) => matches(rule, path));
    for (const inside of ['/metrics', '/readyz', '/healthz', '/dapr/subscribe', '/events/x'])
      expect(routed(inside), inside).toBe(false);
    const pages = readdirSync(join(repoRoot, 'web')).filter((f) => f.endsWith('.html'));
    for (const outside of [
      '/',
      '/api/v1/tasks',
      '/mcp',
      '/socket.io/?EIO=4',
      '/assets/main-1.js',
      ...pages.map((page) => `/${page}`),
    ])
      expect(routed(outside.split('?')[0]!), outside).toBe(true);
  });
});

describe('TLS to PostgreSQL and Redis', () => {
  const envValue = (manifests: Manifest[], component: string, name: string) =>
    envOf(manifests, component).find((e) => e.name === name)?.value;

  it.each([
    [[], 'disable', 'false'],
    [['values-cloud.yaml'], 'require', 'true'],
  ])('with %j: PGSSLMODE %s, REDIS_TLS %s where they are used', async (values, mode, tls) => {
    const manifests = await render(keysFile, ...values);
    for (const component of components) {
      const usesPostgres = component !== 'realtime';
      const usesRedis = component === 'gateway' || component === 'realtime';
      expect(envValue(manifests, component, 'PGSSLMODE'), component).toBe(
        usesPostgres ? mode : undefined,
      );
      expect(envValue(manifests, component, 'REDIS_TLS'), component).toBe(
        usesRedis ? tls : undefined,
      );
      // The actor state store in the actor host's sidecar connects like the apps.
      expect(podOf(manifests, component).metadata.annotations['dapr.io/env']).toBe(
        component === 'actors' ? `PGSSLMODE=${mode}` : undefined,
      );
    }
  });
});
