/** `npm run chat:accuracy`: the offline engine against the utterance corpus. */
import { evaluateCorpus } from './evaluate.ts';

const { accuracy, results } = await evaluateCorpus();
for (const result of results.filter((r) => !r.passed))
  console.log(`✗ “${result.case.say}”: ${result.reason}`);
console.log(
  `\noffline engine: ${results.filter((r) => r.passed).length}/${results.length} utterances right = ${(accuracy * 100).toFixed(1)} % (target 95 %)`,
);
process.exitCode = accuracy >= 0.95 ? 0 : 1;
