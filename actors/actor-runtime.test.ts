import { describe, expectTypeOf, it } from 'vitest';
import type { DaprClientHttp } from '../platform/dapr.ts';
import type { ActorRuntime } from './actor-runtime.ts';
import type { InMemoryRuntime } from './testing/in-memory-runtime.ts';

// Checked by the compiler (npm run typecheck): a change to the port, to the sidecar's client or
// to the in-memory runtime that parts them breaks the build, not a test run against the stack.
describe('ActorRuntime', () => {
  it('is served by the sidecar client the actor host passes in', () => {
    expectTypeOf<DaprClientHttp>().toExtend<ActorRuntime>();
  });

  it('is served by the in-memory runtime the unit tests use', () => {
    expectTypeOf<InMemoryRuntime>().toExtend<ActorRuntime>();
  });
});
