/**
 * Fault injection under steady load, on a local stack of its own (`npm run chaos`).
 *
 * Workers create tasks (some with reminders falling due during the run), rename them and complete
 * recurring ones while a schedule kills, freezes and restarts the actor host, its sidecar, Kafka,
 * PostgreSQL, a realtime replica and a notifier. After the load stops and the system settles, the
 * invariants are checked against actor state, the read model, the audit log and the SMTP sink.
 * Prints a table and writes chaos/results/<time>.json; exits 1 when an invariant is broken.
 *
 * `npm run chaos -- --profile ha` runs the HA profile instead (3 actor hosts, 2 gateways behind
 * nginx, quorums of 3) with its own schedule: one actor host lost for good (the supervisor starts
 * it again), a rolling restart of every replica with SIGTERM, then one placement server, one
 * scheduler replica and one Kafka broker lost; it adds recovery times, reminder lateness and
 * actors per host to the results (see haFaults).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { topics } from '../../schemas/events.ts';
import { repoRoot, stackStateRoot } from '../../stack/paths.ts';
import { parseProfile } from '../../stack/apps.ts';
import { Stack } from '../../stack/supervisor.ts';
import { actorsPerHost, haFaults, reminderLateness, type Fault } from './ha.ts';
import {
  gatewayClient,
  type GatewayAnswer,
  type GatewayCall,
} from '../../tests/support/gateway-client.ts';
import { savedTasks } from '../../tests/support/saved-tasks.ts';
import { followVerificationLink } from '../../tests/support/smtp-sink.ts';

const { values: args } = parseArgs({ options: { profile: { type: 'string' } } });
const profile = parseProfile(args.profile);
const USERS = Number(process.env.CHAOS_USERS ?? 4);
// The HA schedule restarts thirteen replicas one at a time: it needs the longer run.
const LOAD_SECONDS = Number(process.env.CHAOS_LOAD_SECONDS ?? (profile === 'ha' ? 240 : 100));
/** A request not answered within this counts as a hang. */
const CLIENT_TIMEOUT_MS = profile === 'ha' ? 10_000 : 30_000;
const SETTLE_TIMEOUT_MS = 180_000;

const killAndRestart =
  (process: string, app: Parameters<Stack['startApp']>[0]) => async (stack: Stack) => {
    await stack.process(process).kill();
    await sleep(1_000);
    await stack.startApp(app);
  };

/** The issue's list, spread over the load so each recovery is under way before the next fault. */
const defaultFaults: Fault[] = [
  { at: 8, name: 'SIGKILL actor host', inject: killAndRestart('todo-actors', 'todo-actors') },
  {
    at: 22,
    name: 'SIGKILL actor host sidecar',
    inject: killAndRestart('daprd-todo-actors', 'todo-actors'),
  },
  {
    at: 36,
    name: 'Kafka frozen 10 s',
    inject: async (stack) => {
      stack.process('kafka').signal('SIGSTOP');
      await sleep(10_000);
      stack.process('kafka').signal('SIGCONT');
    },
  },
  {
    at: 54,
    name: 'PostgreSQL restarted',
    inject: (stack) => stack.restartPostgres(),
  },
  {
    at: 66,
    name: 'SIGKILL realtime replica',
    inject: killAndRestart('todo-realtime-1', 'todo-realtime-1'),
  },
  {
    // Reminders fall due all through the run, so one is usually between claim and send.
    at: 76,
    name: 'SIGKILL notifier replica',
    inject: killAndRestart('todo-notifier-1', 'todo-notifier-1'),
  },
];

const faults = profile === 'ha' ? haFaults : defaultFaults;

interface Tracked {
  id: string;
  user: string;
  kind: 'plain' | 'reminder' | 'recurring';
  title: string;
  version: number;
  /** A later write failed without an answer: it may or may not have been applied. */
  uncertain: boolean;
  reminderAt?: number;
  completedDue?: string;
}

const runDir = join(
  stackStateRoot,
  'chaos-runs',
  `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`,
);
mkdirSync(runDir, { recursive: true });
process.env.LOG_LEVEL ??= 'warn';
process.env.RATE_LIMIT_PER_MINUTE ??= '100000000';
// Every reminder due must be mailed: no user may run into the daily cap during the run.
process.env.MAIL_DAILY_CAP ??= '100000000';
const log = (line: string) =>
  console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);

log(`starting a stack (profile ${profile}) in ${runDir}`);
const stack = await Stack.start({ runDir, durable: false, freshReminders: true, log, profile });
const db = new pg.Pool({ connectionString: stack.info.postgresUrl, max: 4 });
// A restart of PostgreSQL ends the pool's idle connections; the pool replaces them.
db.on('error', () => undefined);

let exitCode = 1;
try {
  exitCode = await run();
} finally {
  await db.end();
  await stack.stop();
  // A broken run keeps its data (PostgreSQL cluster, Kafka log) next to its logs, for the post-mortem.
  if (exitCode === 0) stack.removeData();
  else log(`data kept for inspection in ${runDir}`);
}
process.exit(exitCode);

async function run(): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: USERS }, async (_, index) => {
      const user = `chaos-${index}-${randomUUID().slice(0, 8)}`;
      const client = await apiClient(user);
      const address = `${user}@example.test`;
      const me = await client('PATCH', '/me', { email: address, time_zone: 'Europe/Berlin' });
      if (me.status !== 200) throw new Error(`PATCH /me answered ${me.status}`);
      // Reminders are mailed to verified addresses only.
      await followVerificationLink(stack.info.smtpSinkUrl, address);
      return { user, client, address };
    }),
  );

  const tracked: Tracked[] = [];
  const ops = { acknowledged: 0, failed: 0, byKind: {} as Record<string, number> };
  const faultLog: { name: string; at_s: number; recovered_after_s: number }[] = [];
  const phases: { fault: string; phase: string; at_s: number }[] = [];
  const failedAt: number[] = [];
  const failures: { at: number; outcome: string }[] = [];
  const began = Date.now();
  const stopAt = began + LOAD_SECONDS * 1000;
  // A fault schedule that outlasts the planned load keeps the load going until 15 s after its
  // last fault: a fault without requests to fail would show nothing.
  let faultsDoneAt = Infinity;
  const loadGoesOn = () => Date.now() < stopAt || Date.now() < faultsDoneAt + 15_000;

  const faultRunner = (async () => {
    for (const fault of faults) {
      const wait = began + fault.at * 1000 - Date.now();
      if (wait > 0) await sleep(wait);
      const started = Date.now();
      log(`fault: ${fault.name}`);
      await fault.inject(stack, (phase) =>
        phases.push({ fault: fault.name, phase, at_s: (Date.now() - began) / 1000 }),
      );
      const recovered = (Date.now() - started) / 1000;
      // Started late when the fault before it took longer than planned.
      const at = Math.round((started - began) / 100) / 10;
      faultLog.push({ name: fault.name, at_s: at, recovered_after_s: recovered });
      log(`  restarted after ${recovered.toFixed(1)} s`);
    }
    faultsDoneAt = Date.now();
  })();

  const workers = clients.map(async ({ user, client }, worker) => {
    for (let step = 0; loadGoesOn(); step++) {
      const tag = `${worker}-${step}`;
      const record = (ok: boolean, kind: string, answer?: GatewayAnswer) => {
        if (ok) ops.acknowledged++;
        else {
          ops.failed++;
          failedAt.push((Date.now() - began) / 1000);
        }
        if (!ok) {
          failures.push({
            at: (Date.now() - began) / 1000,
            outcome: answer
              ? `${answer.status}${answer.problem ? ' problem+json' : ' NOT problem+json'}`
              : 'no answer',
          });
        }
        // A failure's status and whether it came as problem+json, so an outage that answers
        // with a bare 500 shows up in the results.
        const outcome = ok
          ? 'ok'
          : answer
            ? `${answer.status}${answer.problem ? ' problem+json' : ' NOT problem+json'}`
            : 'no answer';
        ops.byKind[`${kind}: ${outcome}`] = (ops.byKind[`${kind}: ${outcome}`] ?? 0) + 1;
      };
      const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
      try {
        switch (step % 4) {
          case 0: {
            const title = `reminder ${tag}`;
            const fireAt = Date.now() + (4 + (step % 12)) * 1000;
            const created = await client('POST', '/tasks', {
              title,
              due_at: inHours(2),
              reminders: [{ at: new Date(fireAt).toISOString() }],
            });
            record(created.status === 201, 'create-reminder', created);
            if (created.status === 201) {
              tracked.push({
                ...fromBody(created.body, user, 'reminder', false),
                reminderAt: fireAt,
              });
            }
            break;
          }
          case 1: {
            const created = await client('POST', '/tasks', { title: `plain ${tag}` });
            record(created.status === 201, 'create', created);
            if (created.status === 201) tracked.push(fromBody(created.body, user, 'plain', false));
            break;
          }
          case 2: {
            const mine = tracked.filter((task) => task.user === user && task.kind === 'plain');
            const target = mine[step % Math.max(1, mine.length)];
            if (!target) break;
            const title = `renamed ${tag}`;
            const before = target.uncertain;
            // Until an answer says otherwise, the rename may or may not have been applied.
            target.uncertain = true;
            const updated = await client('PATCH', `/tasks/${target.id}`, { title });
            record(updated.status === 200, 'update', updated);
            if (updated.status === 200) {
              target.title = title;
              target.version = Number(updated.body!.version);
              target.uncertain = false;
            } else if (updated.status < 500) target.uncertain = before;
            break;
          }
          case 3: {
            const created = await client('POST', '/tasks', {
              title: `recurring ${tag}`,
              due_at: inHours(1),
              time_zone: 'Europe/Berlin',
              recurrence: { frequency: 'daily' },
            });
            record(created.status === 201, 'create-recurring', created);
            if (created.status !== 201) break;
            const task = fromBody(created.body, user, 'recurring', false);
            tracked.push(task);
            task.uncertain = true;
            const completed = await client('POST', `/tasks/${task.id}/complete`);
            record(completed.status === 200, 'complete-recurring', completed);
            if (completed.status === 200) {
              task.version = Number(completed.body!.version);
              task.completedDue = String(created.body!.due_at);
              task.uncertain = false;
            }
            break;
          }
        }
      } catch {
        // No answer at all (connection reset while the gateway's sidecar reconnects).
        record(false, 'request');
      }
    }
  });
  await Promise.all([...workers, faultRunner]);
  const perHost = profile === 'ha' ? await actorsPerHost(stack) : undefined;
  log(`load done: ${ops.acknowledged} acknowledged, ${ops.failed} failed, ${tracked.length} tasks`);

  const settleBegan = Date.now();
  const checks = await settle(tracked, clients);
  const settledAfter = (Date.now() - settleBegan) / 1000;
  if (checks.length === 0) {
    checks.push({
      name: 'the invariants could be inspected',
      ok: false,
      detail: 'every inspection timed out until the settle deadline',
    });
  }
  const broken = checks.filter((check) => !check.ok);

  const result = {
    date: new Date().toISOString(),
    users: USERS,
    load_seconds: LOAD_SECONDS,
    operations: ops,
    tasks: tracked.length,
    // Failed requests between a fault and the next one: what a client saw of each outage.
    profile,
    client_timeout_ms: CLIENT_TIMEOUT_MS,
    faults: faultLog.map((fault, index) => {
      const inWindow = failures.filter(
        (failure) =>
          failure.at >= fault.at_s && failure.at < (faultLog[index + 1]?.at_s ?? Infinity),
      );
      const outcomes: Record<string, number> = {};
      for (const failure of inWindow)
        outcomes[failure.outcome] = (outcomes[failure.outcome] ?? 0) + 1;
      return {
        ...fault,
        failed_requests: inWindow.length,
        failure_outcomes: outcomes,
        // From the fault to its last failed request: after it every call succeeded.
        error_window_s:
          inWindow.length === 0
            ? 0
            : Math.round((Math.max(...inWindow.map((failure) => failure.at)) - fault.at_s) * 10) /
              10,
      };
    }),
    ...(profile === 'ha'
      ? {
          // Failed requests per phase of a fault (per replica of the rolling restart).
          phases: phases.map((phase, index) => {
            const next = phases[index + 1];
            const fault = faultLog.find((entry) => entry.name === phase.fault);
            const end =
              next?.fault === phase.fault
                ? next.at_s
                : fault
                  ? fault.at_s + fault.recovered_after_s
                  : Infinity;
            const failed = failures.filter((f) => f.at >= phase.at_s && f.at < end);
            return { ...phase, failed_requests: failed.length };
          }),
          failures,
          actors_per_host_after_load: perHost,
          reminder_lateness: await reminderLateness(stack, tracked, clients, began, faultLog),
        }
      : {}),
    failed_before_first_fault: failedAt.filter((at) => at < (faultLog[0]?.at_s ?? Infinity)).length,
    settled_after_s: settledAfter,
    checks,
  };
  const dir = join(repoRoot, 'chaos', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  console.log(
    '\n| fault | restarted after | failed requests until the next fault | error window |\n| --- | --- | --- | --- |',
  );
  for (const fault of result.faults) {
    console.log(
      `| ${fault.name} (t=${fault.at_s} s) | ${fault.recovered_after_s.toFixed(1)} s | ${fault.failed_requests} ${JSON.stringify(fault.failure_outcomes)} | ${fault.error_window_s} s |`,
    );
  }
  if ('actors_per_host_after_load' in result) {
    console.log(
      `\nactors per host after load: ${JSON.stringify(result.actors_per_host_after_load)}`,
    );
    console.log(`reminder lateness: ${JSON.stringify(result.reminder_lateness)}`);
  }
  console.log('\n| invariant | result | detail |\n| --- | --- | --- |');
  for (const check of checks) {
    console.log(`| ${check.name} | ${check.ok ? 'holds' : 'BROKEN'} | ${check.detail} |`);
  }
  console.log(`\nwrote ${file}`);
  return broken.length === 0 ? 0 : 1;
}

function fromBody(
  body: Record<string, unknown> | undefined,
  user: string,
  kind: Tracked['kind'],
  uncertain: boolean,
): Tracked {
  return {
    id: String(body!.id),
    user,
    kind,
    title: String(body!.title),
    version: Number(body!.version),
    uncertain,
  };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Waits until the pipelines have caught up (or the timeout passes), then checks every invariant.
 * Convergence is polled: a consumer that never catches up shows up as a broken invariant.
 */
async function settle(
  tracked: Tracked[],
  clients: { user: string; client: GatewayCall; address: string }[],
): Promise<Check[]> {
  const clientOf = new Map(clients.map((entry) => [entry.user, entry.client]));
  const lastReminder = Math.max(0, ...tracked.map((task) => task.reminderAt ?? 0));
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let checks: Check[] = [];
  while (Date.now() < deadline) {
    try {
      checks = await inspect(tracked, clientOf, clients);
    } catch (error) {
      // A read that timed out on a loaded machine is a reason to look again, not to give up.
      log(
        `settling: inspection failed (${error instanceof Error ? error.message : String(error)})`,
      );
      await sleep(2_000);
      continue;
    }
    const pending = checks.filter((check) => !check.ok);
    if (pending.length === 0 && Date.now() > lastReminder + 15_000) return checks;
    log(
      `settling: ${pending.map((check) => `${check.name} (${check.detail})`).join('; ') || 'waiting for the last reminders'}`,
    );
    await sleep(2_000);
  }
  return checks;
}

async function inspect(
  tracked: Tracked[],
  clientOf: Map<string, GatewayCall>,
  clients: { user: string; address: string }[],
): Promise<Check[]> {
  const actual = new Map<string, { version: number; title: string; status: string }>();
  const missing: string[] = [];
  for (const task of tracked) {
    const response = await clientOf.get(task.user)!('GET', `/tasks/${task.id}`);
    if (response.status !== 200) missing.push(`${task.id}:${response.status}`);
    else
      actual.set(task.id, {
        version: Number(response.body!.version),
        title: String(response.body!.title),
        status: String(response.body!.status),
      });
  }
  const lost = tracked.filter((task) => {
    const found = actual.get(task.id);
    if (!found) return true;
    if (found.version < task.version) return true;
    if (task.uncertain) return false;
    return found.version !== task.version || found.title !== task.title;
  });

  const ids = tracked.map((task) => task.id);
  const { rows: views } = await db.query<{ id: string; version: number }>(
    'select id, version from task_view where id = any($1)',
    [ids],
  );
  const viewVersion = new Map(views.map((row) => [row.id, row.version]));
  const behind = tracked.filter(
    (task) => viewVersion.get(task.id) !== actual.get(task.id)?.version,
  );

  const { rows: audit } = await db.query<{ task_id: string; rows: string; versions: string }>(
    `select task_id, count(*) as rows, count(distinct version) as versions
       from audit_log where topic = $1 and task_id = any($2) group by task_id`,
    [topics.taskEvents, ids],
  );
  const auditOf = new Map(audit.map((row) => [row.task_id, row]));
  const auditWrong = tracked.filter((task) => {
    const row = auditOf.get(task.id);
    const version = actual.get(task.id)?.version;
    return !row || Number(row.rows) !== version || Number(row.versions) !== version;
  });

  // Completed right after creation, an hour before due: the series reminder (at due) never gets
  // to hand the series on itself, so each series holds exactly its first and second occurrence;
  // were it to fire, it would name the same second occurrence (no duplicates, checked below).
  const series = tracked.filter((task) => task.completedDue !== undefined);
  const { rows: occurrences } = await db.query<{ series_id: string; n: string }>(
    `select series_id, count(*) as n from task_view
      where series_id = any($1) and not deleted group by series_id`,
    [series.map((task) => task.id)],
  );
  const occurrenceCount = new Map(occurrences.map((row) => [row.series_id, Number(row.n)]));
  const wrongSeries = series.filter((task) => occurrenceCount.get(task.id) !== 2);
  const { rows: duplicates } = await db.query<{ n: string }>(
    `select count(*) as n from (select series_id, due_at from task_view
      where series_id is not null and not deleted group by 1, 2 having count(*) > 1) d`,
  );

  const mail = (await (await fetch(`${stack.info.smtpSinkUrl}/api/messages`)).json()) as {
    to: string;
    subject: string;
  }[];
  const addressOf = new Map(clients.map((entry) => [entry.user, entry.address]));
  const due = tracked.filter((task) => task.reminderAt !== undefined);
  const mailCounts = due.map(
    (task) =>
      mail.filter(
        (message) =>
          message.to === addressOf.get(task.user) &&
          message.subject.startsWith(`Reminder: ${task.title} (`),
      ).length,
  );
  const unsent = mailCounts.filter((n) => n === 0).length;
  const doubled = mailCounts.filter((n) => n > 1).length;

  const { rows: deadLetters } = await db.query<{ n: string }>(
    'select count(*) as n from dead_letters',
  );

  // Tasks whose create failed for the client may still have been saved; if so, they must have
  // gone out as events like any other (no task only the actor state knows of).
  const saved = (
    await savedTasks(
      db,
      clients.map((entry) => entry.user),
    )
  ).map(({ task }) => ({
    id: task.id,
    version: task.version,
  }));
  const { rows: projected } = await db.query<{ id: string; version: number }>(
    'select id, version from task_view where user_id = any($1)',
    [clients.map((entry) => entry.user)],
  );
  const projectedVersion = new Map(projected.map((row) => [row.id, row.version]));
  const ghosts = saved.filter((row) => projectedVersion.get(row.id) !== row.version);

  // Counters on /me against the events in the audit log: each event counted once.
  const { rows: counted } = await db.query<{
    user_id: string;
    created: string;
    completed: string;
    deleted: string;
    skipped: string;
  }>(
    `select user_id,
            count(*) filter (where event_type in ('task.created', 'task.occurrence_created')) as created,
            count(*) filter (where event_type = 'task.completed') as completed,
            count(*) filter (where event_type = 'task.deleted') as deleted,
            count(*) filter (where event_type = 'task.skipped') as skipped
       from audit_log where topic = $1 and user_id = any($2) group by user_id`,
    [topics.taskEvents, clients.map((entry) => entry.user)],
  );
  const countersWrong: string[] = [];
  for (const row of counted) {
    const me = await clientOf.get(row.user_id)!('GET', '/me');
    const counters = me.body?.counters as Record<string, number> | undefined;
    const expected = {
      tasks_created: Number(row.created),
      tasks_completed: Number(row.completed),
      tasks_deleted: Number(row.deleted),
      tasks_skipped: Number(row.skipped),
    };
    if (JSON.stringify(counters) !== JSON.stringify(expected))
      countersWrong.push(
        `${row.user_id}: ${JSON.stringify(counters)} ≠ ${JSON.stringify(expected)}`,
      );
  }

  return [
    {
      name: 'every acknowledged write is in actor state',
      ok: missing.length === 0 && lost.length === 0,
      detail: `${tracked.length - lost.length}/${tracked.length} tasks as acknowledged${
        lost.length ? `; lost: ${lost.slice(0, 5).map((task) => task.id)}` : ''
      }`,
    },
    {
      name: 'the read model caught up (task_view version = actor version)',
      ok: behind.length === 0,
      detail: `${tracked.length - behind.length}/${tracked.length} rows current`,
    },
    {
      name: 'audit rows = distinct events (one per version)',
      ok: auditWrong.length === 0,
      detail: `${tracked.length - auditWrong.length}/${tracked.length} tasks exact${auditWrong
        .slice(0, 3)
        .map(
          (task) =>
            `; ${task.id} at version ${actual.get(task.id)?.version}: ${auditOf.get(task.id)?.rows ?? 0} rows, ${auditOf.get(task.id)?.versions ?? 0} versions`,
        )
        .join('')}`,
    },
    {
      name: 'one next occurrence per completed recurring task',
      ok: wrongSeries.length === 0 && Number(duplicates[0]!.n) === 0,
      detail: `${series.length - wrongSeries.length}/${series.length} series exact; ${duplicates[0]!.n} duplicate (series, due) pairs`,
    },
    {
      name: 'every reminder due produced exactly one e-mail',
      ok: unsent === 0 && doubled === 0,
      detail: `${due.length} reminders: ${due.length - unsent - doubled} once, ${unsent} none, ${doubled} twice or more`,
    },
    {
      name: 'every task in actor state reached the read model (acknowledged or not)',
      ok: ghosts.length === 0,
      detail: `${saved.length - ghosts.length}/${saved.length} saved tasks projected at their version${
        ghosts.length ? `; not: ${ghosts.slice(0, 3).map((row) => row.id)}` : ''
      }`,
    },
    {
      name: 'counters on /me = counted events in the audit log',
      ok: countersWrong.length === 0 && counted.length === clients.length,
      detail: countersWrong.length
        ? countersWrong.slice(0, 2).join('; ')
        : `${counted.length}/${clients.length} users exact`,
    },
    {
      name: 'no dead letters',
      ok: Number(deadLetters[0]!.n) === 0,
      detail: `${deadLetters[0]!.n} dead letters`,
    },
  ];
}

async function apiClient(userId: string): Promise<GatewayCall> {
  const { info } = stack;
  return (
    await gatewayClient(
      { gatewayUrl: info.gatewayUrl, jwtSecret: info.secrets['jwt-secret'] },
      userId,
      { timeoutMs: CLIENT_TIMEOUT_MS },
    )
  ).call;
}
