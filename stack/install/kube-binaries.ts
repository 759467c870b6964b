import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubeBinaries, kubeBinary, kubeBinDir, kwokStages, repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { moduleDir } from './kube-schemas.ts';
import { run } from './run.ts';
import { assertGoModPins, goBuildEnv } from './wrapper-module.ts';

const wrapperDir = join(repoRoot, 'stack', 'kube');

const packages: Record<(typeof kubeBinaries)[number], string> = {
  'kube-apiserver': 'k8s.io/kubernetes/cmd/kube-apiserver',
  etcd: 'go.etcd.io/etcd/server/v3',
  'kube-controller-manager': 'k8s.io/kubernetes/cmd/kube-controller-manager',
  'kube-scheduler': 'k8s.io/kubernetes/cmd/kube-scheduler',
  kwok: 'sigs.k8s.io/kwok/cmd/kwok',
};

/** True when every binary is there and the pinned ones say they are at their pin. */
async function installed(): Promise<boolean> {
  if (!kubeBinaries.every((name) => existsSync(kubeBinary(name))) || !existsSync(kwokStages))
    return false;
  const version = async (name: 'kube-apiserver' | 'kwok') =>
    (await run(kubeBinary(name), ['--version'], { quiet: true })).trim();
  try {
    return (
      (await version('kube-apiserver')) === `Kubernetes v${versions.kubernetes}` &&
      (await version('kwok')).includes(`v${versions.kwok}`)
    );
  } catch {
    return false;
  }
}

/**
 * The version stamps `make` would give: without them the server reports v0.0.0 (and a chart's
 * kubeVersion constraint refuses it); client-go's copy is what the server's own clients announce.
 */
export function kubeVersionLdflags(version: string): string {
  const [major, minor] = version.split('.');
  const stamps = {
    gitVersion: `v${version}`,
    gitMajor: major,
    gitMinor: minor,
    gitTreeState: 'clean',
    buildDate: '1970-01-01T00:00:00Z',
  };
  return ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']
    .flatMap((pkg) => Object.entries(stamps).map(([key, value]) => `-X ${pkg}.${key}=${value}`))
    .join(' ');
}

/**
 * The staging modules (k8s.io/api, client-go, …) are released as v0.<minor>.<patch> with each
 * Kubernetes release; a replace line at any other version would build a mixed server.
 */
export function staleStagingReplaces(goMod: string, version: string): string[] {
  const staging = `v0.${version.split('.').slice(1).join('.')}`;
  return [...goMod.matchAll(/^\s*(k8s\.io\/[\w-]+) => (k8s\.io\/[\w-]+) (\S+)\s*$/gm)]
    .filter(([, from, to, pinned]) => from !== to || pinned !== staging)
    .map(([line]) => line.trim());
}

/**
 * kwok's stages as kwokctl sets them up by default ("fast": nodes and pods ready at once), from
 * the module's own files; the node heartbeat without leases, which nothing here reads.
 */
async function writeKwokStages(file: string): Promise<void> {
  const kwok = await moduleDir('sigs.k8s.io/kwok', `v${versions.kwok}`);
  const stages = [
    'node/fast/node-initialize.yaml',
    'node/heartbeat/node-heartbeat.yaml',
    'pod/fast/pod-ready.yaml',
    'pod/fast/pod-complete.yaml',
    'pod/fast/pod-delete.yaml',
  ].map((path) => readFileSync(join(kwok, 'kustomize', 'stage', path), 'utf8').trim());
  writeFileSync(file, `${stages.join('\n---\n')}\n`);
}

/**
 * Builds kube-apiserver, etcd, kube-controller-manager, kube-scheduler and kwok from the wrapper
 * module stack/kube at the pinned releases, with go.sum read-only: what the modules hash to was
 * decided when go.sum was committed.
 */
export async function ensureKubeBinaries(): Promise<void> {
  if (await installed()) return;
  const goMod = assertGoModPins(wrapperDir, [
    `k8s.io/kubernetes v${versions.kubernetes}`,
    `sigs.k8s.io/kwok v${versions.kwok}`,
  ]);
  const stale = staleStagingReplaces(goMod, versions.kubernetes);
  if (stale.length > 0)
    throw new Error(`stack/kube/go.mod: staging replaces off the release: ${stale.join('; ')}`);
  const started = Date.now();
  console.log(
    `[install] building Kubernetes ${versions.kubernetes} (kube-apiserver, etcd, controller manager, scheduler) and kwok ${versions.kwok}; first build takes minutes`,
  );
  const staging = `${kubeBinDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await run(
    'go',
    [
      'build',
      '-trimpath',
      '-ldflags',
      `-s -w ${kubeVersionLdflags(versions.kubernetes)}`,
      '-o',
      `${staging}/`,
      ...Object.values(packages),
    ],
    {
      cwd: wrapperDir,
      env: goBuildEnv(),
      quiet: true,
    },
  );
  // `go build` names a binary after its package path, and etcd's ends in its major version.
  renameSync(join(staging, 'server'), join(staging, 'etcd'));
  await writeKwokStages(join(staging, 'kwok-stages.yaml'));
  rmSync(kubeBinDir, { recursive: true, force: true });
  renameSync(staging, kubeBinDir);
  if (!(await installed()))
    throw new Error(
      `the binaries in ${kubeBinDir} do not report Kubernetes v${versions.kubernetes} and kwok v${versions.kwok}`,
    );
  console.log(
    `[install] Kubernetes ${versions.kubernetes} and kwok ${versions.kwok} built in ${Math.round((Date.now() - started) / 1000)} s -> ${kubeBinDir}`,
  );
}
