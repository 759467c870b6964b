import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cacheRoot, repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';
import { assertGoModPins, goBuildEnv } from './wrapper-module.ts';

/**
 * JSON Schemas for kubeconform, made from the sources: Kubernetes' own OpenAPI document (in the
 * k8s.io/kubernetes module), the CRDs of Dapr and the Prometheus Operator (in their modules), and
 * those of Chaos Mesh, generated from its API types (stack/crdgen).
 * kubeconform's usual schema download site is not reachable from here. Files are named
 * `<kind>_<group>_<version>.json`; strict: objects accept only the properties they declare.
 */
/** Keyed by every source's version, so that a bump makes the schemas again. */
const sources = createHash('sha256')
  .update(
    JSON.stringify([
      versions.kubernetes,
      versions.dapr,
      versions.prometheusOperatorCrds,
      versions.chaosMeshApi,
      versions.controllerTools,
    ]),
  )
  .digest('hex')
  .slice(0, 8);
export const kubeSchemasDir = join(cacheRoot, `kube-schemas-${versions.kubernetes}-${sources}`);
export const kubeSchemaLocation = join(
  kubeSchemasDir,
  '{{ .ResourceKind }}_{{ .Group }}_{{ .ResourceAPIVersion }}.json',
);

type Schema = Record<string, unknown>;

/**
 * A module's source in the Go module cache; downloaded (and checked against the checksum
 * database) when missing.
 */
export async function moduleDir(module: string, version: string): Promise<string> {
  const output = await run('go', ['mod', 'download', '-json', `${module}@${version}`], {
    env: goBuildEnv(),
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

/**
 * The folders of the CRDs the chart's custom objects need, as Dapr and the Prometheus Operator
 * ship them.
 */
export async function operatorCrdDirs(): Promise<string[]> {
  return [
    join(await moduleDir('github.com/dapr/dapr', `v${versions.dapr}`), 'charts', 'dapr', 'crds'),
    join(
      await moduleDir(
        'github.com/prometheus-operator/prometheus-operator',
        `v${versions.prometheusOperatorCrds}`,
      ),
      'example',
      'prometheus-operator-crd',
    ),
  ];
}

/**
 * Generates the Chaos Mesh CRDs from its API types with controller-gen, both pinned in the
 * wrapper module stack/crdgen (which must agree with stack/versions.ts).
 */
async function generateChaosMeshCrds(outputDir: string): Promise<string> {
  const moduleRoot = join(repoRoot, 'stack', 'crdgen');
  assertGoModPins(moduleRoot, [
    `github.com/chaos-mesh/chaos-mesh/api v${versions.chaosMeshApi}`,
    `sigs.k8s.io/controller-tools v${versions.controllerTools}`,
  ]);
  rmSync(outputDir, { recursive: true, force: true });
  await run(
    'go',
    [
      'tool',
      'controller-gen',
      'crd:crdVersions=v1,maxDescLen=0',
      'paths=github.com/chaos-mesh/chaos-mesh/api/v1alpha1',
      `output:crd:dir=${outputDir}`,
    ],
    { cwd: moduleRoot, env: goBuildEnv(), quiet: true },
  );
  return outputDir;
}

/** As kubeconform fills its template: the core group ("v1") has the version where the group goes. */
const fileName = (kind: string, group: string, version: string) =>
  `${kind.toLowerCase()}_${group || version}_${version}.json`;

export async function ensureKubeSchemas(): Promise<void> {
  if (existsSync(join(kubeSchemasDir, 'deployment_apps_v1.json'))) return;
  console.log(`[install] making Kubernetes ${versions.kubernetes} and CRD schemas for kubeconform`);
  mkdirSync(cacheRoot, { recursive: true });
  const staging = `${kubeSchemasDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });

  const kubernetes = await moduleDir('k8s.io/kubernetes', `v${versions.kubernetes}`);
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
    ...(await operatorCrdDirs()),
    await generateChaosMeshCrds(`${staging}-chaos-mesh-crds`),
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
  rmSync(`${staging}-chaos-mesh-crds`, { recursive: true, force: true });
  rmSync(kubeSchemasDir, { recursive: true, force: true });
  renameSync(staging, kubeSchemasDir);
}
