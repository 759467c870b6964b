import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.ts';
import { versions } from '../versions.ts';
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
  });

  it('refuses a go.mod that pins another version', () => {
    expect(() =>
      assertGoModPins(join(repoRoot, 'stack', 'dapr'), ['github.com/dapr/dapr v0.0.1']),
    ).toThrow('stack/dapr/go.mod does not pin github.com/dapr/dapr v0.0.1');
  });
});
