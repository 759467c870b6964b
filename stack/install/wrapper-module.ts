import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../paths.ts';

/**
 * A wrapper module (stack/dapr, stack/crdgen) pins its Go modules in go.mod; stack/versions.ts
 * is the one place versions are chosen. Refuses to build from a go.mod that disagrees; returns its
 * text.
 */
export function assertGoModPins(moduleDir: string, pins: readonly string[]): string {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  for (const pin of pins) {
    if (!goMod.includes(pin))
      throw new Error(
        `${relative(repoRoot, join(moduleDir, 'go.mod'))} does not pin ${pin} (stack/versions.ts)`,
      );
  }
  return goMod;
}
