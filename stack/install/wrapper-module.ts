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

/**
 * The environment of every Go build and module download of the installer: go.mod and go.sum are
 * read-only (-mod=readonly: a module missing from them fails the build instead of being added
 * unverified), modules without a go.sum (`go install m@v`, `go mod download m@v`) are checked
 * against the checksum database, the installed toolchain builds, and binaries are static.
 */
export function goBuildEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (base.GOSUMDB === 'off' || base.GONOSUMCHECK === '1' || base.GONOSUMDB || base.GOINSECURE)
    throw new Error(
      'the Go checksum database must check downloads: unset GOSUMDB=off, GONOSUMCHECK, GONOSUMDB and GOINSECURE',
    );
  const flags = (base.GOFLAGS ?? '')
    .split(/\s+/)
    .filter((flag) => flag && !/^-(mod|modfile)=/.test(flag) && flag !== '-insecure');
  return {
    ...base,
    GOFLAGS: [...flags, '-mod=readonly'].join(' '),
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
  };
}
