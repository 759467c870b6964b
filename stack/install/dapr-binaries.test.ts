import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.ts';
import { prepareDaprModule } from './dapr-binaries.ts';
import { run } from './run.ts';
import { goBuildEnv } from './wrapper-module.ts';

describe('the Dapr build', () => {
  it('loads daprd, placement and scheduler with go.mod and go.sum read-only, as committed', async () => {
    const work = mkdtempSync(join(tmpdir(), 'dapr-module-'));
    try {
      const env = goBuildEnv();
      const mod = await prepareDaprModule(work, env);
      const read = () => ['go.mod', 'go.sum'].map((file) => readFileSync(join(mod, file), 'utf8'));
      const written = read();
      expect(written[1]).toBe(readFileSync(join(repoRoot, 'stack', 'dapr', 'go.sum'), 'utf8'));

      const commands = ['daprd', 'placement', 'scheduler'].map(
        (name) => `github.com/dapr/dapr/cmd/${name}`,
      );
      // Every package the build compiles, each resolved from go.mod and checked against go.sum.
      const listed = await run(
        'go',
        [
          'list',
          '-deps',
          '-tags',
          'stablecomponents',
          '-f',
          '{{if .Error}}{{.Error}}{{end}}',
          ...commands,
        ],
        { cwd: mod, env, quiet: true },
      );
      expect(listed.trim()).toBe('');
      expect(read()).toEqual(written);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 180_000);
});
