/**
 * Abuse benchmark: ordinary users read and write while an attacker sends the most expensive
 * requests we know at a fixed rate (20/s by default). Runs the same ordinary load twice, quiet
 * and under attack, and reports the ordinary users' latency and errors in both, and what the
 * attacker got. Targets: no 5xx for the ordinary users, their p99 under attack within 2× of the
 * quiet run. Writes bench/results/abuse.json.
 *
 *   npm run bench:abuse [-- --seconds 30 --rate 20 --users 4]
 *
 * The attacker has its own account and a per-user limit high enough that every request reaches
 * the code it targets: the point is what one request can cost, not that the limiter turns it
 * away (an attacker with many accounts gets past a per-user limit).
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { createApiClient } from '../client/api-client.ts';
import { gatewayClient, type GatewayCall } from '../tests/support/gateway-client.ts';
import { benchStack, percentiles, writeResult } from './support.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '20' },
    users: { type: 'string', default: '4' },
  },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const userCount = Number(values.users);
/** Both loops stop at whichever comes first: the time, or this many requests. */
const MAX_REQUESTS_PER_PHASE = 200_000;

const stack = await benchStack('abuse', { RATE_LIMIT_PER_MINUTE: '1000000' });
const stop = async () => {
  await stack.stop();
  stack.removeData();
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));

const target = { gatewayUrl: stack.info.gatewayUrl, jwtSecret: stack.info.secrets['jwt-secret'] };
const dueAt = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const repeatTo = (text: string, length: number) =>
  text.repeat(Math.ceil(length / text.length)).slice(0, length);

/** The worst requests we know, each a name and a way to send it as the attacker. */
function attacks(
  call: GatewayCall,
  token: string,
  ownTaskId: string,
): [string, () => Promise<number>][] {
  const status = async (answer: Promise<{ status: number }>) => (await answer).status;
  const never = (rrule: string) => ({ title: 'never', due_at: dueAt(), recurrence: { rrule } });
  // The MCP endpoint is JSON-RPC, not the REST API: its request is written out here.
  const mcp = async (body: string, headers: Record<string, string>) =>
    (
      await fetch(`${target.gatewayUrl}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(30_000),
      })
    ).status;
  const anonymous = createApiClient({ baseUrl: `${target.gatewayUrl}/api/v1` });
  return [
    [
      'rrule never (daily)',
      () => status(call('POST', '/tasks', never('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'))),
    ],
    [
      'rrule never (weekly)',
      () => status(call('POST', '/tasks', never('FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31'))),
    ],
    [
      'rrule never (yearly)',
      () => status(call('POST', '/tasks', never('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;BYDAY=MO'))),
    ],
    [
      'rrule rare',
      () =>
        status(
          call('POST', '/tasks', never('FREQ=DAILY;INTERVAL=365;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO')),
        ),
    ],
    [
      'rrule never (patch)',
      () =>
        status(
          call('PATCH', `/tasks/${ownTaskId}`, {
            recurrence: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31' },
          }),
        ),
    ],
    [
      'rrule never (mcp)',
      () =>
        mcp(
          JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/call',
            params: {
              name: 'set_recurrence',
              arguments: {
                task_id: ownTaskId,
                recurrence: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' },
              },
            },
          }),
          { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream' },
        ),
    ],
    [
      'chat one long word',
      () => status(call('POST', '/chat', { message: `complete ${'x'.repeat(1990)}` })),
    ],
    [
      'chat long reference',
      () => status(call('POST', '/chat', { message: `complete ${repeatTo('reportx ', 1990)}` })),
    ],
    [
      'chat date flood',
      () => status(call('POST', '/chat', { message: `add x ${repeatTo('tomorrow at 5 ', 1990)}` })),
    ],
    [
      'search 200 characters',
      () => status(call('GET', `/tasks?q=${encodeURIComponent(repeatTo('%_a', 200))}`)),
    ],
    ['list far offset', () => status(call('GET', '/tasks?offset=10000&limit=100'))],
    ['deep JSON', () => status(call('POST', '/tasks', '['.repeat(90_000)))],
    ['body at the limit', () => status(call('POST', '/tasks', { title: 'x'.repeat(99_000) }))],
    [
      'login, wrong password',
      () =>
        status(
          anonymous.raw('POST', '/auth/login', {
            body: { email: `nobody-${randomUUID()}@example.com`, password: 'wrong-password' },
            signal: AbortSignal.timeout(30_000),
          }),
        ),
    ],
  ];
}

interface Phase {
  latencies: number[];
  statuses: Record<string, number>;
}

/** One ordinary user: create, read, list, rename, in a loop, until `until`. */
async function ordinaryUser(
  call: GatewayCall,
  until: number,
  phase: Phase,
  budget: { left: number },
) {
  const timed = async (method: string, path: string, body?: unknown) => {
    const began = performance.now();
    let statusCode: number;
    let answer: Awaited<ReturnType<GatewayCall>> | undefined;
    try {
      answer = await call(method, path, body);
      statusCode = answer.status;
    } catch {
      statusCode = 0;
    }
    phase.latencies.push(performance.now() - began);
    phase.statuses[statusCode] = (phase.statuses[statusCode] ?? 0) + 1;
    return answer;
  };
  while (Date.now() < until && budget.left-- > 0) {
    const created = await timed('POST', '/tasks', { title: 'ordinary work', due_at: dueAt() });
    const id = created?.body?.id as string | undefined;
    if (id) {
      await timed('GET', `/tasks/${id}`);
      await timed('PATCH', `/tasks/${id}`, { title: 'ordinary work, renamed' });
    }
    await timed('GET', '/tasks?limit=20');
  }
}

type Catalogue = ReturnType<typeof attacks>;

/** The attacker's account, with a hundred long titles for the chat engine's matcher to compare. */
async function prepareAttacker(): Promise<Catalogue> {
  const { call, token } = await gatewayClient(target, `attacker-${randomUUID()}`, {
    timeoutMs: 30_000,
  });
  for (let index = 0; index < 100; index++)
    await call('POST', '/tasks', { title: `${repeatTo('reportx quarterly ', 190)} ${index}` });
  const own = await call('POST', '/tasks', { title: 'attacker task', due_at: dueAt() });
  return attacks(call, token, own.body!.id as string);
}

async function runPhase(
  catalogue?: Catalogue,
): Promise<{ ordinary: Phase; attacker: Record<string, Phase> }> {
  const ordinary: Phase = { latencies: [], statuses: {} };
  const attacker: Record<string, Phase> = {};
  const users = await Promise.all(
    Array.from({ length: userCount }, (_, index) =>
      gatewayClient(target, `ordinary-${index}-${randomUUID()}`, { timeoutMs: 30_000 }),
    ),
  );
  const began = Date.now();
  const until = began + seconds * 1000;
  const budget = { left: MAX_REQUESTS_PER_PHASE };
  const loops = users.map(({ call }) => ordinaryUser(call, until, ordinary, budget));
  const sent: Promise<void>[] = [];
  for (let index = 0; catalogue && Date.now() < until && index < MAX_REQUESTS_PER_PHASE; index++) {
    // Open loop at a fixed rate: the attacker does not wait for answers.
    const due = began + (index * 1000) / rate;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const [name, send] = catalogue[index % catalogue.length]!;
    sent.push(timedAttack(send, (attacker[name] ??= { latencies: [], statuses: {} })));
  }
  await Promise.all([...loops, ...sent]);
  return { ordinary, attacker };
}

async function timedAttack(send: () => Promise<number>, into: Phase): Promise<void> {
  const began = performance.now();
  const code = await send().catch(() => 0);
  into.latencies.push(performance.now() - began);
  into.statuses[code] = (into.statuses[code] ?? 0) + 1;
}

/** Each attack alone, one after another, on an otherwise idle stack: what one request costs. */
async function soloCosts(catalogue: Catalogue): Promise<Record<string, Phase>> {
  const costs: Record<string, Phase> = {};
  for (const [name, send] of catalogue) {
    costs[name] = { latencies: [], statuses: {} };
    for (let round = 0; round < 10; round++) await timedAttack(send, costs[name]);
  }
  return costs;
}

const byAttack = (phases: Record<string, Phase>) =>
  Object.fromEntries(
    Object.entries(phases).map(([name, phase]) => [
      name,
      {
        statuses: phase.statuses,
        p50_ms: percentiles(phase.latencies).p50,
        max_ms: percentiles(phase.latencies).max,
      },
    ]),
  );

const summary = (phase: Phase) => {
  const serverErrors = Object.entries(phase.statuses)
    .filter(([code]) => Number(code) >= 500 || Number(code) === 0)
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    latency_ms: percentiles(phase.latencies),
    statuses: phase.statuses,
    server_errors: serverErrors,
  };
};

try {
  console.log(`abuse: ${userCount} ordinary users, ${seconds} s per phase, attacker at ${rate}/s`);
  // Warm-up, so the quiet run does not pay for first activations and JIT.
  await runPhase();
  const catalogue = await prepareAttacker();
  const solo = byAttack(await soloCosts(catalogue));
  console.log('each attack alone');
  console.table(solo);
  const quiet = summary((await runPhase()).ordinary);
  console.log('quiet', JSON.stringify(quiet));
  const underAttack = await runPhase(catalogue);
  const attacked = summary(underAttack.ordinary);
  console.log('attacked', JSON.stringify(attacked));
  const attacker = byAttack(underAttack.attacker);
  console.log('the attacker, during the attack');
  console.table(attacker);
  const p99Ratio = Math.round((attacked.latency_ms.p99 / quiet.latency_ms.p99) * 100) / 100;
  const targets = {
    no_5xx_for_ordinary_users: attacked.server_errors === 0,
    p99_within_2x: p99Ratio <= 2,
  };
  console.log(`p99 ratio ${p99Ratio}`, JSON.stringify(targets));
  const file = writeResult('abuse', {
    parameters: { seconds, rate, users: userCount },
    quiet,
    attacked,
    p99_ratio: p99Ratio,
    attacks_alone: solo,
    attacker,
    targets,
  });
  console.log(`wrote ${file}`);
} finally {
  await stop();
}
