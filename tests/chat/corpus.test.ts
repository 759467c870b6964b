import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { development } from './corpus.ts';
import { evaluateCorpus } from './evaluate.ts';
import { heldOut } from './held-out-corpus.ts';
import { DEFAULT_SLURP_FILE, evaluateSlurp, readSlurp } from './slurp.ts';

const failures = (score: Awaited<ReturnType<typeof evaluateCorpus>>) =>
  score.results.filter((r) => !r.passed).map((r) => `“${r.case.say}”: ${r.reason}`);

describe('the offline chat engine on the utterance corpora', () => {
  it('gets at least 90 % of the held-out part right, with no wrong write', async () => {
    const score = await evaluateCorpus(heldOut);
    expect(heldOut.length).toBeGreaterThanOrEqual(30);
    expect(score.accuracy, failures(score).join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(score.wrongWrites, failures(score).join('\n')).toBe(0);
  });

  it('makes no wrong write on the development part', async () => {
    const score = await evaluateCorpus(development);
    expect(score.wrongWrites, failures(score).join('\n')).toBe(0);
    expect(score.accuracy, failures(score).join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  // The SLURP file sits beside the repository (../shared/data/slurp), not in it.
  it.skipIf(!existsSync(DEFAULT_SLURP_FILE))(
    'makes no wrong write on the SLURP devel utterances',
    async () => {
      const score = await evaluateSlurp(readSlurp(DEFAULT_SLURP_FILE));
      const wrong = score.results
        .filter((r) => r.wrongWrite)
        .map((r) => `“${r.line.sentence}”: ${r.wrongWrite}`);
      expect(wrong).toEqual([]);
    },
    // 386 conversations, each in a fresh world: seconds on a busy two-core machine.
    60_000,
  );
});
