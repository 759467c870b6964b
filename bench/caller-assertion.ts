/**
 * What a caller assertion costs per actor call (docs/SECURITY.md, "The mesh"): the signer's
 * time (gateway, notifier, actor host) and the actor host's time to verify, for a create call's
 * body. CPU time of this process, one core; writes bench/results/caller-assertion.json.
 *
 *   npx tsx bench/caller-assertion.ts
 */
import { generateKeyPairSync } from 'node:crypto';
import { CallerSigner, CallerVerifier } from '../platform/auth/caller-assertion.ts';
import { percentiles, writeResult } from './support.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = new CallerSigner(
  'todo-gateway',
  privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
);
const verifier = new CallerVerifier({
  'todo-gateway': publicKey.export({ type: 'spki', format: 'pem' }).toString(),
});
const target = { actorType: 'TaskActor', actorId: 'bench-task', method: 'create' };
const body = {
  caller: { user_id: 'bench-user', correlation_id: 'bench-correlation-id' },
  input: {
    title: 'Renew the passport before the summer trip',
    description: 'Photos, the old passport, the form',
    priority: 'high',
    tags: ['admin', 'travel'],
    due_at: '2027-03-01T09:00:00.000Z',
    reminders: [{ before_minutes: 1440 }, { before_minutes: 60 }],
  },
};

async function timed(count: number, run: () => Promise<unknown>): Promise<number[]> {
  const micros: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await run();
    micros.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return micros;
}

const count = 5_000;
await timed(500, async () =>
  verifier.verify(await signer.sign(target, body, 'bench-user'), target, body),
);
const token = await signer.sign(target, body, 'bench-user');
const sign = percentiles(await timed(count, () => signer.sign(target, body, 'bench-user')));
const verify = percentiles(await timed(count, () => verifier.verify(token, target, body)));
console.log(`sign   µs: p50 ${sign.p50}  p95 ${sign.p95}  mean ${sign.mean}`);
console.log(`verify µs: p50 ${verify.p50}  p95 ${verify.p95}  mean ${verify.mean}`);
console.log(`assertion: ${token.length} bytes`);
console.log(
  `wrote ${writeResult('caller-assertion', { unit: 'microseconds', sign, verify, assertion_bytes: token.length, node: process.version })}`,
);
