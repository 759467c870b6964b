import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cacheRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';

/**
 * JSON Schemas for kubeconform, made from the sources: Kubernetes' own OpenAPI document (in the
 * k8s.io/kubernetes module) and the CRDs of Dapr, the Prometheus Operator and Chaos Mesh (in their
 * modules).
 * kubeconform's usual schema download site is not reachable from here. Files are named
 * `<kind>_<group>_<version>.json`; strict: objects accept only the properties they declare.
 */
export const kubeSchemasDir = join(cacheRoot, `kube-schemas-${versions.kubernetesSchemas}`);
export const kubeSchemaLocation = join(
  kubeSchemasDir,
  '{{ .ResourceKind }}_{{ .Group }}_{{ .ResourceAPIVersion }}.json',
);

type Schema = Record<string, unknown>;

async function moduleDir(module: string, version: string): Promise<string> {
  const output = await run('go', ['mod', 'download', '-json', `${module}@${version}`], {
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    quiet: true,
    cwd: cacheRoot,
  });
  return (JSON.parse(output) as { Dir: string }).Dir;
}

/**
 * Closes object schemas that list their properties (kubeconform's strict variant), and spells
 * Kubernetes' int-or-string format as the JSON Schema it means.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  if (
    (schema as Schema).format === 'int-or-string' ||
    (schema as Schema)['x-kubernetes-int-or-string']
  ) {
    const { type: _type, format: _format, ...rest } = schema as Schema;
    return { ...rest, oneOf: [{ type: 'string' }, { type: 'integer' }] };
  }
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema))
    result[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, strict(v)]))
        : strict(value);
  if (
    result.properties &&
    result.additionalProperties === undefined &&
    !result['x-kubernetes-preserve-unknown-fields']
  )
    result.additionalProperties = false;
  return result;
}

/** Inlines `#/definitions/…` references; a reference back into itself becomes an open schema. */
function inline(
  schema: unknown,
  definitions: Record<string, Schema>,
  stack: string[] = [],
): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inline(item, definitions, stack));
  if (!schema || typeof schema !== 'object') return schema;
  const ref = (schema as Schema).$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/definitions/', '');
    if (stack.includes(name)) return {};
    return inline(definitions[name], definitions, [...stack, name]);
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, inline(value, definitions, stack)]),
  );
}

/** As kubeconform fills its template: the core group ("v1") has the version where the group goes. */
const fileName = (kind: string, group: string, version: string) =>
  `${kind.toLowerCase()}_${group || version}_${version}.json`;

/** One schema from each source: a cache made before a source was added is made again. */
const samples = [
  'deployment_apps_v1.json',
  'component_dapr.io_v1alpha1.json',
  'servicemonitor_monitoring.coreos.com_v1.json',
  'podchaos_chaos-mesh.org_v1alpha1.json',
];

export async function ensureKubeSchemas(): Promise<void> {
  if (samples.every((sample) => existsSync(join(kubeSchemasDir, sample)))) return;
  console.log(
    `[install] making Kubernetes ${versions.kubernetesSchemas} and CRD schemas for kubeconform`,
  );
  mkdirSync(cacheRoot, { recursive: true });
  const staging = `${kubeSchemasDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });

  const kubernetes = await moduleDir('k8s.io/kubernetes', `v${versions.kubernetesSchemas}`);
  const swagger = JSON.parse(
    readFileSync(join(kubernetes, 'api', 'openapi-spec', 'swagger.json'), 'utf8'),
  ) as { definitions: Record<string, Schema> };
  for (const [name, definition] of Object.entries(swagger.definitions)) {
    const kinds = definition['x-kubernetes-group-version-kind'] as
      { group: string; kind: string; version: string }[] | undefined;
    for (const gvk of kinds ?? []) {
      const schema = strict(inline(definition, swagger.definitions, [name]));
      writeFileSync(
        join(staging, fileName(gvk.kind, gvk.group, gvk.version)),
        JSON.stringify(schema),
      );
    }
  }

  const crdDirs = [
    join(await moduleDir('github.com/dapr/dapr', `v${versions.dapr}`), 'charts', 'dapr', 'crds'),
    join(
      await moduleDir(
        'github.com/prometheus-operator/prometheus-operator',
        `v${versions.prometheusOperatorCrds}`,
      ),
      'example',
      'prometheus-operator-crd',
    ),
    join(
      await moduleDir('github.com/chaos-mesh/chaos-mesh', `v${versions.chaosMeshCrds}`),
      'config',
      'crd',
      'bases',
    ),
  ];
  for (const path of crdDirs.flatMap((dir) => readdirSync(dir).map((file) => join(dir, file)))) {
    for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
      const crd = document.toJSON() as {
        kind?: string;
        spec?: {
          group: string;
          names: { kind: string };
          versions: { name: string; schema?: { openAPIV3Schema: Schema } }[];
        };
      } | null;
      if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue;
      for (const version of crd.spec.versions) {
        if (!version.schema) continue;
        writeFileSync(
          join(staging, fileName(crd.spec.names.kind, crd.spec.group, version.name)),
          JSON.stringify(strict(version.schema.openAPIV3Schema)),
        );
      }
    }
  }
  rmSync(kubeSchemasDir, { recursive: true, force: true });
  renameSync(staging, kubeSchemasDir);
}
