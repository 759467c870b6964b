import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeApiServer } from '../../stack/services/kube-apiserver.ts';
import { waitUntil } from '../../stack/wait.ts';

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
} & Record<string, unknown>;

/** The YAML documents of a stream, without the empty ones. */
export function parseObjects(yaml: string): KubeObject[] {
  return parseAllDocuments(yaml)
    .map((document) => document.toJSON() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

type Discovery = { resources: { name: string; kind: string; namespaced: boolean }[] };

/**
 * Where the API serves an object, found the way kubectl finds it: through the discovery
 * document of its group version (plural and scope are the server's, not guessed).
 */
export function objectPaths(api: KubeApiServer) {
  const discovered = new Map<string, Promise<Discovery>>();
  const discover = (apiVersion: string) => {
    let document = discovered.get(apiVersion);
    if (!document) {
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      document = api.request<Discovery>('GET', base).then(({ status, body }) => {
        if (status !== 200) throw new Error(`no API ${apiVersion} on the server (${status})`);
        return body;
      });
      discovered.set(apiVersion, document);
    }
    return document;
  };
  return async (object: KubeObject, namespace: string): Promise<string> => {
    const { resources } = await discover(object.apiVersion);
    const resource = resources.find((candidate) => candidate.kind === object.kind);
    if (!resource)
      throw new Error(`the server does not serve ${object.kind} in ${object.apiVersion}`);
    const base = object.apiVersion.includes('/')
      ? `/apis/${object.apiVersion}`
      : `/api/${object.apiVersion}`;
    const scope = resource.namespaced
      ? `/namespaces/${object.metadata.namespace ?? namespace}`
      : '';
    return `${base}${scope}/${resource.name}/${object.metadata.name}`;
  };
}

type Crd = KubeObject & {
  spec: { names: { kind: string } };
  status?: { conditions?: { type: string; status: string }[] };
};

/**
 * Creates the CRDs in `dirs` that define one of `kinds`, and waits until the server serves
 * them. Returns the kinds it installed.
 */
export async function installCrds(
  api: KubeApiServer,
  dirs: string[],
  kinds: ReadonlySet<string>,
): Promise<string[]> {
  const crds = dirs
    .flatMap((dir) => readdirSync(dir).map((file) => join(dir, file)))
    .flatMap((file) => parseObjects(readFileSync(file, 'utf8')))
    .filter(
      (object): object is Crd =>
        object.kind === 'CustomResourceDefinition' && kinds.has((object as Crd).spec.names.kind),
    );
  const path = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
  for (const crd of crds) {
    const { status, body } = await api.request('POST', path, crd);
    if (status !== 201 && status !== 409)
      throw new Error(`CRD ${crd.metadata.name} refused (${status}): ${JSON.stringify(body)}`);
  }
  for (const crd of crds) {
    await waitUntil(`CRD ${crd.metadata.name} established`, async () => {
      const { body } = await api.request<Crd>('GET', `${path}/${crd.metadata.name}`);
      return (
        body.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ??
        false
      );
    });
  }
  return crds.map((crd) => crd.spec.names.kind);
}
