import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonDepth } from './json-body.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Depth of a parsed value, the reference the byte scan must agree with. */
const parsedDepth = (value: unknown): number =>
  value !== null && typeof value === 'object'
    ? 1 + Math.max(0, ...Object.values(value).map(parsedDepth))
    : 0;

describe('jsonDepth', () => {
  it('agrees with the depth of the parsed value, brackets inside strings included', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'large' }), (text) => {
        expect(jsonDepth(bytes(text))).toBe(parsedDepth(JSON.parse(text)));
      }),
      { seed: 7, numRuns: 2000 },
    );
    expect(jsonDepth(bytes('{"a":"[[[{{\\"]]"}'))).toBe(1);
  });

  it('stops counting once past the limit', () => {
    expect(jsonDepth(bytes('['.repeat(90_000)), 32)).toBe(33);
  });
});
