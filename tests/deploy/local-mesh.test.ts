import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { secretsReadBy } from '../../stack/mesh.ts';
import { repoRoot } from '../../stack/paths.ts';

/**
 * One policy, two renderings: the local stack's mesh (stack/mesh.ts, dapr-components/local) must
 * grant each app what the chart grants it, no more — a test on the local stack then speaks for
 * the cluster too.
 */
type Component = {
  appId: string;
  secrets: string[];
  pubsub: { publish: string[]; subscribe: string[] };
};
const values = parse(
  readFileSync(join(repoRoot, 'charts', 'todo-chatbot', 'values.yaml'), 'utf8'),
) as { components: Record<string, Component> };
const components = Object.values(values.components);

/** `a=t1,t2;b=` → { a: [t1, t2], b: [] } */
function scopes(value: string): Record<string, string[]> {
  return Object.fromEntries(
    value
      .split(';')
      .filter(Boolean)
      .map((entry) => {
        const [appId, topics = ''] = entry.split('=');
        return [appId!, topics.split(',').filter(Boolean).sort()];
      }),
  );
}
const localPubsub = parse(
  readFileSync(join(repoRoot, 'dapr-components', 'local', 'pubsub.yaml'), 'utf8'),
) as { spec: { metadata: { name: string; value?: string }[] } };
const metadata = (name: string) =>
  localPubsub.spec.metadata.find((entry) => entry.name === name)?.value ?? '';

describe('the local mesh and the chart', () => {
  it('let each app read the same secrets', () => {
    for (const component of components) {
      expect([...secretsReadBy[component.appId as keyof typeof secretsReadBy]].sort()).toEqual(
        [...component.secrets].sort(),
      );
    }
    expect(Object.keys(secretsReadBy).sort()).toEqual(components.map((c) => c.appId).sort());
  });

  it('let each app publish and subscribe the same topics, and list every app', () => {
    const publishing = scopes(metadata('publishingScopes'));
    const subscribing = scopes(metadata('subscriptionScopes'));
    for (const component of components) {
      expect(publishing[component.appId]).toEqual([...component.pubsub.publish].sort());
      expect(subscribing[component.appId]).toEqual([...component.pubsub.subscribe].sort());
    }
    expect(metadata('allowedTopics').split(',').sort()).toEqual(
      [...new Set(components.flatMap((c) => [...c.pubsub.publish, ...c.pubsub.subscribe]))].sort(),
    );
  });
});
