import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
import { staleStagingReplaces } from './kube-binaries.ts';
import { assertGoModPins } from './wrapper-module.ts';

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
