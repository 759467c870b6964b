import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stackCacheRoot } from './node-runtime.mjs';
import { versions } from './versions.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Heavy downloads and builds, keyed by version, shared by every checkout on the machine. */
export const cacheRoot = stackCacheRoot();

export const daprBinDir = join(cacheRoot, `dapr-${versions.dapr}`, 'bin');
export const kafkaLibDir = join(cacheRoot, `kafka-${versions.kafka}`, 'libs');
export type GoTool = 'helm' | 'actionlint' | 'kubeconform';
export const goToolBinary = (tool: GoTool): string =>
  join(cacheRoot, `${tool}-${versions[tool]}`, tool);
export const helmBinary = goToolBinary('helm');

export const daprBinary = (name: 'daprd' | 'placement' | 'scheduler'): string =>
  join(daprBinDir, name);

/**
 * The API server the chart test installs into, its store, and what makes its Deployments roll
 * out: controller manager, scheduler, kwok as the kubelet (stack/kube).
 */
export const kubeBinDir = join(cacheRoot, `kube-${versions.kubernetes}`, 'bin');
export const kubeBinaries = [
  'kube-apiserver',
  'etcd',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
] as const;
export const kubeBinary = (name: (typeof kubeBinaries)[number]): string => join(kubeBinDir, name);
/** kwok's configuration: the stages that make a simulated node and its pods ready. */
export const kwokStages = join(kubeBinDir, 'kwok-stages.yaml');

/** Per-checkout runtime state: data dirs and logs of `npm start`, and per-run dirs of tests. */
export const stackStateRoot = join(repoRoot, '.stack');
export const componentsDir = join(repoRoot, 'dapr-components', 'local');
