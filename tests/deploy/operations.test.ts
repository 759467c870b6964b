import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { repoRoot } from '../../stack/paths.ts';
import { kubeconform } from '../support/kubeconform.ts';

interface ChaosManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    action?: string;
    duration?: string;
    selector: { labelSelectors: Record<string, string> };
  };
}

describe('the chaos experiments', () => {
  const components = Object.keys(
    (
      parse(readFileSync(join(repoRoot, 'charts', 'todo-chatbot', 'values.yaml'), 'utf8')) as {
        components: Record<string, unknown>;
      }
    ).components,
  );
  const experiments = readdirSync(join(repoRoot, 'chaos', 'mesh')).flatMap((file) =>
    parseAllDocuments(readFileSync(join(repoRoot, 'chaos', 'mesh', file), 'utf8')).map(
      (document) => ({ file, manifest: document.toJSON() as ChaosManifest }),
    ),
  );

  it('are Chaos Mesh resources, each bounded in time or a one-off kill', () => {
    expect(experiments.length).toBeGreaterThanOrEqual(10);
    for (const { file, manifest } of experiments) {
      expect(manifest.apiVersion, file).toBe('chaos-mesh.org/v1alpha1');
      expect(['PodChaos', 'NetworkChaos', 'StressChaos']).toContain(manifest.kind);
      if (manifest.spec.action !== 'pod-kill')
        expect(manifest.spec.duration, manifest.metadata.name).toMatch(/^\d+m$/);
    }
  });

  it('validate, strictly, against the Chaos Mesh CRDs', async () => {
    const dir = join(repoRoot, 'chaos', 'mesh');
    const result = await kubeconform(readdirSync(dir).map((file) => join(dir, file)));
    expect(result.output).toMatch(
      new RegExp(`Valid: ${experiments.length}, Invalid: 0, Errors: 0, Skipped: 0`),
    );
    // And the check can fail: a misspelt field, a duration where the CRD wants a string.
    const broken = [
      'apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nmetadata: { name: x }\nspec: { action: pod-kill, mode: one, selektor: {} }',
      'apiVersion: chaos-mesh.org/v1alpha1\nkind: NetworkChaos\nmetadata: { name: y }\nspec: { action: delay, mode: all, selector: {}, duration: 30 }',
    ].join('\n---\n');
    const refused = await kubeconform(['-'], broken);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/Invalid: 2/);
  });

  it('kill every component of the chart, and select pods by labels the chart sets', () => {
    const killed = experiments
      .filter(({ manifest }) => manifest.spec.action === 'pod-kill')
      .map(({ manifest }) => manifest.spec.selector.labelSelectors['app.kubernetes.io/name']);
    expect(killed.sort()).toEqual([...components].sort());
    for (const { manifest } of experiments) {
      const labels = manifest.spec.selector.labelSelectors as Record<string, string>;
      const name = labels['app.kubernetes.io/name'];
      if (name) expect(components).toContain(name);
      else expect(labels['app.kubernetes.io/part-of']).toBe('todo-chatbot');
    }
  });
});
