import { gatewayEnvSchema } from '../../gateway/config.ts';
import { notifierEnvSchema } from '../../host/notifier/notifier-config.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_NODE_MAJOR } from '../../stack/node-runtime.mjs';
import { repoRoot } from '../../stack/paths.ts';
import { helm, ofKind, renderChart, renderChartText, type Manifest } from '../support/chart.ts';
import { callerKeysValuesFile } from '../support/chart-keys.ts';
import { kubeconform } from '../support/kubeconform.ts';

// The chart, checked by the real Helm: lint, schema, and what it renders.

/** The signers' keys, which every install is given (the chart fails without them). */
const keys = callerKeysValuesFile();
/** The chart rendered with these values files (and `--set` settings), the keys given. */
const renderText = (...values: string[]) => renderChartText(keys, ...values);
const render = (...values: string[]) => renderChart(keys, ...values);
/** Every process the chart deploys, as the names of its Deployments (and autoscalers). */
const appNames = [
  'todo-actors',
  'todo-audit',
  'todo-gateway',
  'todo-notifier',
  'todo-projector',
  'todo-realtime',
];
type Container = {
  securityContext: Record<string, unknown>;
  resources: { requests?: object; limits?: object };
  livenessProbe?: object;
  readinessProbe?: object;
  startupProbe?: object;
  args: string[];
  image: string;
};
type PodSpec = {
  template: {
    metadata: { annotations: Record<string, string> };
    spec: { securityContext: Record<string, unknown>; containers: Container[] };
  };
};

describe('the Helm chart', () => {
  it.each([[[]], [['values-local.yaml']], [['values-cloud.yaml']]])(
    'lints strictly with %j',
    async (values) => {
      const { stdout } = await helm(
        'lint',
        '--strict',
        '.',
        ...[keys, ...values].flatMap((file) => ['-f', file]),
      );
      expect(stdout).toContain('0 chart(s) failed');
    },
  );

  it('renders one Deployment per process, each a Dapr app with probes, limits and a non-root, read-only container', async () => {
    const deployments = ofKind(await render('values-cloud.yaml'), 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(appNames);
    for (const deployment of deployments) {
      const spec = deployment.spec as unknown as PodSpec;
      const annotations = spec.template.metadata.annotations;
      expect(annotations['dapr.io/enabled'], deployment.metadata.name).toBe('true');
      expect(annotations['dapr.io/app-id']).toMatch(/^todo-/);
      expect(annotations['dapr.io/config']).toBe(`${deployment.metadata.name}-dapr`);
      expect(annotations['dapr.io/log-as-json']).toBe('true');
      expect(spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      const [container] = spec.template.spec.containers;
      expect(container!.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(container!.resources.requests).toBeDefined();
      expect(container!.resources.limits).toBeDefined();
      expect(
        container!.livenessProbe && container!.readinessProbe && container!.startupProbe,
      ).toBeTruthy();
      expect(container!.args[0]).toBe('--import');
    }
  });

  it('uses an existing Secret in the cloud and Kafka over SASL/TLS', async () => {
    const manifests = await render('values-cloud.yaml');
    // The application's secrets come from it; the chart makes only each component's mesh Secrets.
    expect(
      ofKind(manifests, 'Secret')
        .map((secret) => secret.metadata.name)
        .filter((name) => !/^todo-[a-z]+-(dapr-api-token|app-token|caller-key)$/.test(name)),
    ).toEqual([]);
    const pubsub = ofKind(manifests, 'Component').find((c) => c.metadata.name === 'pubsub')!;
    const metadata = (
      pubsub.spec as {
        metadata: { name: string; value?: string; secretKeyRef?: { name: string } }[];
      }
    ).metadata;
    expect(metadata.find((m) => m.name === 'saslPassword')?.secretKeyRef?.name).toBe(
      'todo-chatbot-prod',
    );
    expect(metadata.find((m) => m.name === 'disableTls')?.value).toBe('false');
    expect(metadata.find((m) => m.name === 'version')?.value).toBe('3.9.0');
  });

  it('makes the PostgreSQL store the actor state store, for the actor host only', async () => {
    const state = ofKind(await render(), 'Component').find(
      (c) => c.metadata.name === 'actorstate',
    )!;
    expect(state.spec).toMatchObject({ type: 'state.postgresql', version: 'v2' });
    expect(
      (state.spec as { metadata: { name: string; value?: string }[] }).metadata,
    ).toContainEqual({ name: 'actorStateStore', value: 'true' });
    expect(state.scopes).toEqual(['todo-actors']);
  });

  it('routes WebSockets to the realtime replicas and the public paths to the gateway', async () => {
    const [ingress] = ofKind(await render(), 'Ingress');
    const paths = (
      ingress!.spec as {
        rules: { http: { paths: { path: string; backend: { service: { name: string } } }[] } }[];
      }
    ).rules[0]!.http.paths;
    expect(paths.map((p) => [p.path, p.backend.service.name])).toEqual([
      ['/socket.io', 'todo-realtime'],
      ['/api/v1', 'todo-gateway'],
      ['/mcp', 'todo-gateway'],
      ['/assets', 'todo-gateway'],
      ['/', 'todo-gateway'],
      ['/index.html', 'todo-gateway'],
      ['/inspector.html', 'todo-gateway'],
      ['/operator.html', 'todo-gateway'],
    ]);
    expect(ingress!.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe(
      '3600',
    );
  });

  it('has the gateway trust the ingress hop about client addresses', async () => {
    const configs = ofKind(await render(), 'ConfigMap') as (Manifest & {
      data?: Record<string, string>;
    })[];
    expect(configs.map((config) => config.data?.TRUST_PROXY).filter(Boolean)).toEqual(['1']);
  });

  /** What the pods get from Secrets (the mesh's tokens), not from literal values. */
  const fromSecrets = { DAPR_API_TOKEN: 'd'.repeat(48), APP_API_TOKEN: 'a'.repeat(48) };

  it('hands every replica the same abuse limits, and they parse as the apps read them', async () => {
    const [config] = (
      ofKind(await render(), 'ConfigMap') as (Manifest & {
        data?: Record<string, string>;
      })[]
    ).filter((candidate) => candidate.data?.MAIL_DAILY_CAP);
    expect(config?.data).toMatchObject({
      RATE_LIMIT_PER_MINUTE: '1200',
      AUTH_RATE_LIMIT_PER_MINUTE: '30',
      REFRESH_RATE_LIMIT_PER_MINUTE: '60',
      VERIFICATION_MAILS_PER_HOUR: '3',
      MAIL_DAILY_CAP: '50',
    });
    const env = { ...config!.data, APP_ID: 'todo-gateway', PORT: '3000', ...fromSecrets };
    expect(gatewayEnvSchema.parse(env)).toMatchObject({ VERIFICATION_MAILS_PER_HOUR: 3 });
    expect(notifierEnvSchema.parse({ ...env, APP_ID: 'todo-notifier' })).toMatchObject({
      MAIL_DAILY_CAP: 50,
    });
  });

  it('gives the gateway alone the language model, with its key from the Secret, as the gateway reads it', async () => {
    type Env = { name: string; value?: string; valueFrom?: { secretKeyRef: object } }[];
    const gatewayEnv = (manifests: Manifest[]) =>
      (
        ofKind(manifests, 'Deployment').find((d) => d.metadata.name === 'todo-gateway')!
          .spec as unknown as PodSpec & { template: { spec: { containers: { env: Env }[] } } }
      ).template.spec.containers[0]!.env;
    const llmNames = (env: Env) => env.filter((e) => e.name.startsWith('CHAT_LLM_'));
    expect(llmNames(gatewayEnv(await render()))).toEqual([]);

    const manifests = await render(
      'values-cloud.yaml',
      'chat.llm.baseUrl=http://ollama.ai.svc:11434/v1',
      'chat.llm.model=qwen2.5:7b',
    );
    const env = llmNames(gatewayEnv(manifests));
    expect(env.find((e) => e.name === 'CHAT_LLM_API_KEY')?.valueFrom).toEqual({
      secretKeyRef: { name: 'todo-chatbot-prod', key: 'chat-llm-api-key', optional: true },
    });
    const values = Object.fromEntries(env.flatMap((e) => (e.value ? [[e.name, e.value]] : [])));
    expect(
      gatewayEnvSchema.parse({ ...values, APP_ID: 'todo-gateway', PORT: '3000', ...fromSecrets }),
    ).toMatchObject({
      CHAT_LLM_BASE_URL: 'http://ollama.ai.svc:11434/v1',
      CHAT_LLM_MODEL: 'qwen2.5:7b',
      CHAT_LLM_TIMEOUT_MS: 30_000,
      CHAT_LLM_MAX_ROUNDS: 6,
      CHAT_LLM_MAX_TOOL_CALLS: 12,
    });
    for (const other of ofKind(manifests, 'Deployment').filter(
      (d) => d.metadata.name !== 'todo-gateway',
    ))
      expect(JSON.stringify(other)).not.toContain('CHAT_LLM_');
  });

  it('denies ingress by default, scales every app, and gives no account any access to the API', async () => {
    const manifests = await render();
    expect(ofKind(manifests, 'NetworkPolicy').map((n) => n.metadata.name)).toContain(
      'todo-default-deny',
    );
    expect(
      ofKind(manifests, 'HorizontalPodAutoscaler')
        .map((h) => h.metadata.name)
        .sort(),
    ).toEqual(appNames);
    expect(ofKind(manifests, 'Role')).toEqual([]);
    expect(ofKind(manifests, 'RoleBinding')).toEqual([]);
    expect(ofKind(manifests, 'PrometheusRule')).toHaveLength(1);
  });

  it.each([
    ['image.pullPolicy=Sometimes', 'pullPolicy'],
    ['kafka.authType=kerberos', 'authType'],
    ['components.gateway.replicas=-1', 'replicas'],
    ['podSecurityContext.runAsNonRoot=false', 'runAsNonRoot'],
    ['secrets.values.jwt-secret=only-31-bytes-long-0123456789ab', 'jwt-secret'],
    ['ingress.trustProxy=loopback;rm', 'trustProxy'],
    ['chat.llm.baseUrl=ollama:11434/v1', 'baseUrl'],
    ['chat.llm.maxRounds=0', 'maxRounds'],
    ['image.digest=latest', 'digest'],
  ])('refuses values breaking the schema: %s', async (setting, field) => {
    await expect(
      helm('template', 'todo', '.', '--kube-version', '1.30.0', '-f', keys, '--set', setting),
    ).rejects.toThrow(field);
  });
});

describe('kubeconform, strict, with the Kubernetes, Dapr and Prometheus Operator schemas', () => {
  it.each([
    [[]],
    [['values-local.yaml']],
    [['values-cloud.yaml']],
    [['values-cloud.yaml', 'chat.llm.baseUrl=https://api.openai.com/v1']],
  ])('accepts everything the chart renders with %j', async (values) => {
    const result = await kubeconform(['-'], await renderText(...values));
    expect(result.output).toMatch(/Invalid: 0, Errors: 0, Skipped: 0/);
    expect(result.code).toBe(0);
  });

  it('accepts the Dapr components the local stack and clusters use', async () => {
    const dirs = ['local', 'cloud'].map((dir) => join(repoRoot, 'dapr-components', dir));
    const files = dirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((file) => file.endsWith('.yaml'))
        .map((file) => join(dir, file)),
    );
    const result = await kubeconform(files);
    expect(result.output).toMatch(/Valid: 14, Invalid: 0, Errors: 0, Skipped: 0/);
  });

  it('rejects what the real schemas do not allow (so the check can fail)', async () => {
    const broken = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec: { replica: 2, selector: { matchLabels: { a: b } }, template: { metadata: { labels: { a: b } }, spec: { containers: [{ name: x, image: y }] } } }',
      'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata: { name: x }\nspec: { type: pubsub.kafka, version: v1, metadata: [], colour: red }',
    ].join('\n---\n');
    const result = await kubeconform(['-'], broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Invalid: 2/);
  });
});

describe('the image', () => {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  it('is multi-stage and runs as an unprivileged user', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
  });
  it('runs by digest when the pipeline gives one, by tag otherwise', async () => {
    const images = (manifests: Manifest[]) =>
      new Set(
        ofKind(manifests, 'Deployment').map(
          (d) => (d.spec as unknown as PodSpec).template.spec.containers[0]!.image,
        ),
      );
    const digest = `sha256:${'ab'.repeat(32)}`;
    expect(images(await render(`image.digest=${digest}`, 'image.tag=v1.2.3'))).toEqual(
      new Set([`ghcr.io/todo-chatbot/todo-chatbot@${digest}`]),
    );
    expect([...images(await render('image.tag=v1.2.3'))]).toEqual([
      'ghcr.io/todo-chatbot/todo-chatbot:v1.2.3',
    ]);
  });

  it('builds and runs on the Node.js LTS of engines, the official image pinned by digest', () => {
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(image).toMatch(
      new RegExp(`^node:${REQUIRED_NODE_MAJOR}\\.\\d+\\.\\d+-bookworm-slim@sha256:[0-9a-f]{64}$`),
    );
    for (const from of dockerfile.match(/^FROM .*$/gm) ?? [])
      expect(from).toMatch(/^FROM \$\{NODE_IMAGE\} AS [a-z]+$/);
  });
  it('carries every entry file the chart starts', async () => {
    const deployments = ofKind(await render(), 'Deployment');
    for (const deployment of deployments) {
      const entry = (deployment.spec as unknown as PodSpec).template.spec.containers[0]!.args[2]!;
      expect(dockerfile, entry).toContain(`COPY ${entry.split('/')[0]} ./${entry.split('/')[0]}`);
    }
  });
});
