import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { staleStagingReplaces } from './kube-binaries.ts';
import { assertGoModPins, goBuildEnv } from './wrapper-module.ts';

describe('the wrapper modules', () => {
  it('pin what stack/versions.ts says', () => {
    expect(() =>
      assertGoModPins(join(repoRoot, 'stack', 'dapr'), [`github.com/dapr/dapr v${versions.dapr}`]),
    ).not.toThrow();
    expect(() =>
      assertGoModPins(join(repoRoot, 'stack', 'crdgen'), [
        `github.com/chaos-mesh/chaos-mesh/api v${versions.chaosMeshApi}`,
        `sigs.k8s.io/controller-tools v${versions.controllerTools}`,
      ]),
    ).not.toThrow();
    const kube = assertGoModPins(join(repoRoot, 'stack', 'kube'), [
      `k8s.io/kubernetes v${versions.kubernetes}`,
      `sigs.k8s.io/kwok v${versions.kwok}`,
    ]);
    expect(staleStagingReplaces(kube, versions.kubernetes)).toEqual([]);
    expect(kube).toContain(
      `k8s.io/client-go => k8s.io/client-go v0.${versions.kubernetes.slice(2)}`,
    );
  });

  it('finds staging replaces that point off the Kubernetes release', () => {
    const goMod = [
      'replace (',
      '\tk8s.io/api => k8s.io/api v0.37.2',
      '\tk8s.io/client-go => k8s.io/client-go v0.36.3',
      '\tk8s.io/apiserver => ./staging/src/k8s.io/apiserver',
      '\tk8s.io/kms => k8s.io/api v0.37.2',
      ')',
    ].join('\n');
    expect(staleStagingReplaces(goMod, '1.37.2')).toEqual([
      'k8s.io/client-go => k8s.io/client-go v0.36.3',
      'k8s.io/kms => k8s.io/api v0.37.2',
    ]);
  });

  it('refuses a go.mod that pins another version', () => {
    expect(() =>
      assertGoModPins(join(repoRoot, 'stack', 'dapr'), ['github.com/dapr/dapr v0.0.1']),
    ).toThrow('stack/dapr/go.mod does not pin github.com/dapr/dapr v0.0.1');
  });
});

describe('the Go build environment', () => {
  it('keeps go.mod and go.sum read-only, whatever -mod the caller had set', () => {
    expect(goBuildEnv({ GOFLAGS: '-buildvcs=false -mod=mod', HOME: '/h' })).toEqual({
      GOFLAGS: '-buildvcs=false -mod=readonly',
      HOME: '/h',
      GOTOOLCHAIN: 'local',
      CGO_ENABLED: '0',
    });
    expect(goBuildEnv({}).GOFLAGS).toBe('-mod=readonly');
    expect(goBuildEnv({ GOFLAGS: '-modfile=/tmp/other.mod -insecure' }).GOFLAGS).toBe(
      '-mod=readonly',
    );
  });

  it('refuses to download modules the checksum database does not check', () => {
    for (const env of [
      { GOSUMDB: 'off' },
      { GONOSUMCHECK: '1' },
      { GONOSUMDB: 'github.com' },
      { GOINSECURE: '*' },
    ])
      expect(() => goBuildEnv(env), JSON.stringify(env)).toThrow('checksum database');
    expect(() => goBuildEnv({ GOSUMDB: 'sum.golang.org' })).not.toThrow();
  });

  it('is what every Go command of the installer runs with: nothing sets -mod=mod any more', () => {
    for (const file of ['dapr-binaries.ts', 'go-tools.ts', 'kube-schemas.ts']) {
      const source = readFileSync(join(repoRoot, 'stack', 'install', file), 'utf8');
      expect(source, file).toContain('goBuildEnv()');
      expect(source, file).not.toMatch(/GOFLAGS|-mod=mod/);
    }
  });
});
