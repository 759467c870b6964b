import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { kubeBinary, kubeBinDir, repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';
import { assertGoModPins } from './wrapper-module.ts';

const wrapperDir = join(repoRoot, 'stack', 'kube');

/** What `kube-apiserver --version` prints, or undefined when it is not built. */
export async function kubeApiserverVersion(): Promise<string | undefined> {
  if (!existsSync(kubeBinary('kube-apiserver')) || !existsSync(kubeBinary('etcd')))
    return undefined;
  try {
    return (await run(kubeBinary('kube-apiserver'), ['--version'], { quiet: true })).trim();
  } catch {
    return undefined;
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
 * Builds kube-apiserver and etcd from the wrapper module stack/kube at the pinned Kubernetes
 * release, with go.sum read-only: what the modules hash to was decided when go.sum was committed.
 */
export async function ensureKubeBinaries(): Promise<void> {
  if ((await kubeApiserverVersion()) === `Kubernetes v${versions.kubernetes}`) return;
  const goMod = assertGoModPins(wrapperDir, [`k8s.io/kubernetes v${versions.kubernetes}`]);
  const stale = staleStagingReplaces(goMod, versions.kubernetes);
  if (stale.length > 0)
    throw new Error(`stack/kube/go.mod: staging replaces off the release: ${stale.join('; ')}`);
  const started = Date.now();
  console.log(
    `[install] building kube-apiserver ${versions.kubernetes} and etcd; first build takes minutes`,
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
      'go.etcd.io/etcd/server/v3',
      'k8s.io/kubernetes/cmd/kube-apiserver',
    ],
    {
      cwd: wrapperDir,
      env: { ...process.env, GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
      quiet: true,
    },
  );
  // `go build` names a binary after its package path, and etcd's ends in its major version.
  renameSync(join(staging, 'server'), join(staging, 'etcd'));
  rmSync(kubeBinDir, { recursive: true, force: true });
  renameSync(staging, kubeBinDir);
  const version = await kubeApiserverVersion();
  if (version !== `Kubernetes v${versions.kubernetes}`)
    throw new Error(`built kube-apiserver reports ${version}, expected v${versions.kubernetes}`);
  console.log(
    `[install] kube-apiserver ${versions.kubernetes} and etcd built in ${Math.round((Date.now() - started) / 1000)} s -> ${kubeBinDir}`,
  );
}
