/**
 * What the stack burns with no request in flight, by process (an app and its sidecar apart):
 * at the rates this machine reaches, the idle burn is a visible part of every request's CPU.
 * Prints CPU ms per second by process and writes bench/results/idle.json.
 *
 *   npm run bench:idle [-- --seconds 30]
 */
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { idleCpuPerSecond } from './cpu.ts';
import { benchStack, writeResult } from './support.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' } } });
const seconds = Number(values.seconds);

const stack = await benchStack('idle');
try {
  // Let start-up work (migrations, subscriptions, first placement tables) settle.
  await sleep(10_000);
  const byProcess = await idleCpuPerSecond(stack.pids(), seconds);
  console.table(Object.entries(byProcess).map(([process, ms]) => ({ process, 'CPU ms/s': ms })));
  console.log(`wrote ${writeResult('idle', { seconds, cpu_ms_per_second: byProcess })}`);
} finally {
  await stack.stop();
}
