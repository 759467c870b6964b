import { describe, expect, it } from 'vitest';
import { corpus } from './corpus.ts';
import { evaluateCorpus } from './evaluate.ts';

describe('the offline chat engine on the utterance corpus', () => {
  it('has at least 60 utterances', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
  });

  it('gets at least 95 % of them right', async () => {
    const { accuracy, results } = await evaluateCorpus();
    const failures = results
      .filter((result) => !result.passed)
      .map((result) => `“${result.case.say}”: ${result.reason}`);
    expect(accuracy, failures.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
