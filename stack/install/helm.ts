import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { helmBinary } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';

/** Builds the pinned Helm from its Go module (no download site is reachable), cached by version. */
export async function ensureHelm(): Promise<void> {
  if (existsSync(helmBinary)) return;
  console.log(`[install] building Helm ${versions.helm}`);
  const staging = join(dirname(helmBinary), 'partial');
  mkdirSync(staging, { recursive: true });
  await run('go', ['install', `helm.sh/helm/v3/cmd/helm@v${versions.helm}`], {
    env: {
      ...process.env,
      GOBIN: staging,
      GOFLAGS: '-mod=mod',
      GOTOOLCHAIN: 'local',
      CGO_ENABLED: '0',
    },
    quiet: true,
  });
  renameSync(join(staging, 'helm'), helmBinary);
}
