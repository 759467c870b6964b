import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { goToolBinary, type GoTool } from '../paths.ts';
import { versions } from '../versions.ts';
import { run } from './run.ts';
import { goBuildEnv } from './wrapper-module.ts';

/** Go-built tools the tests use to check deployment artifacts, by module. */
const modules: Record<GoTool, string> = {
  helm: 'helm.sh/helm/v3/cmd/helm',
  actionlint: 'github.com/rhysd/actionlint/cmd/actionlint',
  kubeconform: 'github.com/yannh/kubeconform/cmd/kubeconform',
};

/** Builds the pinned tools from their Go modules (no download site is reachable), cached by version. */
export async function ensureGoTools(): Promise<void> {
  for (const tool of Object.keys(modules) as GoTool[]) {
    const binary = goToolBinary(tool);
    if (existsSync(binary)) continue;
    console.log(`[install] building ${tool} ${versions[tool]}`);
    const staging = join(dirname(binary), 'partial');
    mkdirSync(staging, { recursive: true });
    await run('go', ['install', `${modules[tool]}@v${versions[tool]}`], {
      // The tool module's own go.sum, read-only, and the checksum database for the module itself.
      env: { ...goBuildEnv(), GOBIN: staging },
      quiet: true,
    });
    renameSync(join(staging, tool), binary);
  }
}
