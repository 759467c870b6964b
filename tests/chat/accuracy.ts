/**
 * `npm run chat:accuracy [-- --slurp <file.jsonl>]`: the offline engine on SLURP utterances (the
 * devel file by default) and on the project's corpus, development and held-out parts.
 * `--verbose` lists every SLURP utterance not handled right.
 */
import { parseArgs } from 'node:util';
import { development } from './corpus.ts';
import { evaluateCorpus, type CorpusScore } from './evaluate.ts';
import { heldOut } from './held-out-corpus.ts';
import { DEFAULT_SLURP_FILE, evaluateSlurp, readSlurp } from './slurp.ts';

const { values } = parseArgs({
  options: {
    slurp: { type: 'string', default: process.env.SLURP_FILE ?? DEFAULT_SLURP_FILE },
    verbose: { type: 'boolean', default: false },
  },
});

const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)} %`;

const slurp = await evaluateSlurp(readSlurp(values.slurp!));
for (const result of slurp.results) {
  const missedSlot = result.slots.find((slot) => !slot.right);
  if (result.wrongWrite || (values.verbose && (!result.rightAction || missedSlot)))
    console.log(
      `${result.wrongWrite ? '✗✗ WRONG WRITE' : result.rightOrFittingQuestion && !result.rightAction ? `? (${result.questionReason})` : '✗'} [${result.line.intent}] “${result.line.sentence}” → ${
        result.wrongWrite ??
        (result.rightAction
          ? `${missedSlot!.slot} “${missedSlot!.said}” missed`
          : `${result.calls.map((c) => c.name).join(', ') || 'no call'}: ${result.reply.split('\n')[0]}`)
      }`,
    );
}
console.log(`\nSLURP ${values.slurp} (${slurp.total} utterances)`);
console.log(`  understood     ${percent(slurp.understood, slurp.total)}   (target ≥ 90 %)`);
console.log(`  right action   ${percent(slurp.rightAction, slurp.total)}   (strict: a tool call)`);
console.log(
  `  right or a fitting question   ${percent(slurp.rightOrFittingQuestion, slurp.total)}   (target ≥ 85 %)`,
);
console.log(
  `  date slot      ${percent(slurp.date.right, slurp.date.total)} of ${slurp.date.total}`,
);
console.log(
  `  time slot      ${percent(slurp.time.right, slurp.time.total)} of ${slurp.time.total}`,
);
console.log(`  wrong writes   ${slurp.wrongWrites}   (target 0)`);

const report = (name: string, score: CorpusScore) => {
  for (const result of score.results.filter((r) => !r.passed))
    console.log(
      `${result.wrongWrite ? '✗✗ WRONG WRITE' : '✗'} “${result.case.say}”: ${result.reason}`,
    );
  const right = score.results.filter((r) => r.passed).length;
  console.log(
    `${name}: ${right}/${score.results.length} right = ${percent(right, score.results.length)}, wrong writes ${score.wrongWrites}\n`,
  );
};
console.log('');
report('project corpus, held-out part', await evaluateCorpus(heldOut));
report('project corpus, development part', await evaluateCorpus(development));
