/**
 * The HA profile's part of `npm run chaos -- --profile ha`: its fault schedule and the figures
 * only a cluster has (actors per host, lateness of reminders due while a host was lost).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppName } from '../../stack/apps.ts';
import type { Stack } from '../../stack/supervisor.ts';
import { sidecarClient } from '../../stack/sidecar-client.ts';

export interface Fault {
  at: number;
  name: string;
  /** `mark` names a phase of the fault (e.g. the replica being restarted) from now on. */
  inject: (stack: Stack, mark: (phase: string) => void) => Promise<void>;
}

const LOST_HOST = 'todo-actors-3' satisfies AppName;
const MIN_READY_MS = 5_000;

async function answersReady(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) }))
      .ok;
  } catch {
    return false;
  }
}

/** Until the replica (started again by the supervisor) answers ready. */
async function untilReady(stack: Stack, name: AppName, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stack.process(name).running && (await answersReady(stack.info.apps[name].appPort))) return;
    await sleep(250);
  }
  throw new Error(`${name} not ready within ${timeoutMs} ms`);
}

/**
 * One replica at a time, as a Deployment's rolling update: SIGTERM, wait until it has exited,
 * start it again, wait until ready, next. An actor host's sidecar goes first: it leaves
 * placement and drains its actors (drainOngoingCallTimeout, drainRebalancedActors) while the
 * host still serves their turns. Gateways and the other apps stop before their sidecar: they
 * finish the requests they hold and still need the sidecar for them.
 */
async function rollingRestart(stack: Stack, mark: (phase: string) => void): Promise<void> {
  for (const app of stack.apps) {
    mark(app.name);
    const appProcess = stack.process(app.name);
    const sidecar = stack.process(`daprd-${app.name}`);
    const order = app.appId === 'todo-actors' ? [sidecar, appProcess] : [appProcess, sidecar];
    for (const process of order) await process.stop();
    await stack.startApp(app.name);
    // A Deployment's minReadySeconds: the proxy and placement see the new replica before the
    // next one goes.
    await sleep(MIN_READY_MS);
  }
}

/** Loses one member of a quorum with SIGKILL and starts it again after `downMs`. */
const loseMember =
  (name: string, downMs = 15_000) =>
  async (stack: Stack) => {
    const member = stack.process(name);
    await member.kill();
    await sleep(downMs);
    member.start();
  };

export const haFaults: Fault[] = [
  {
    at: 15,
    name: `SIGKILL ${LOST_HOST} and its sidecar (supervisor restarts them)`,
    inject: async (stack) => {
      await Promise.all([
        stack.process(LOST_HOST).kill(),
        stack.process(`daprd-${LOST_HOST}`).kill(),
      ]);
      await untilReady(stack, LOST_HOST);
    },
  },
  { at: 45, name: 'rolling restart of every replica (SIGTERM)', inject: rollingRestart },
  { at: 60, name: 'SIGKILL placement-1 for 15 s', inject: loseMember('placement-1') },
  { at: 60, name: 'SIGKILL scheduler-2 for 15 s', inject: loseMember('scheduler-2') },
  { at: 60, name: 'SIGKILL kafka-3 for 15 s', inject: loseMember('kafka-3', 20_000) },
];

/** TaskActors and UserActors each actor host holds, from its sidecar's metadata. */
export async function actorsPerHost(stack: Stack): Promise<Record<string, Record<string, number>>> {
  const perHost: Record<string, Record<string, number>> = {};
  for (const name of stack.replicas('todo-actors')) {
    try {
      const metadata = (await sidecarClient(stack.info, name).metadata()) as {
        actorRuntime?: { activeActors?: { type: string; count?: number }[] };
      };
      perHost[name] = Object.fromEntries(
        (metadata.actorRuntime?.activeActors ?? []).map((actor) => [actor.type, actor.count ?? 0]),
      );
    } catch {
      perHost[name] = {};
    }
  }
  return perHost;
}

interface Lateness {
  reminders: number;
  mailed: number;
  median_s: number | null;
  max_s: number | null;
}

function lateness(latenesses: number[], reminders: number): Lateness {
  const sorted = [...latenesses].sort((a, b) => a - b);
  const round = (value: number | undefined) =>
    value === undefined ? null : Math.round(value * 10) / 10;
  return {
    reminders,
    mailed: sorted.length,
    median_s: round(sorted[Math.floor(sorted.length / 2)]),
    max_s: round(sorted.at(-1)),
  };
}

/**
 * How late reminder e-mails arrived (mail received − reminder time): of every reminder, and of
 * those due in the 60 s after the actor host was lost — a third of those lived on it, and the
 * scheduler had to fire them to a host that was gone or newly placed.
 */
export async function reminderLateness(
  stack: Stack,
  tracked: { user: string; title: string; reminderAt?: number }[],
  clients: { user: string; address: string }[],
  began: number,
  faultLog: { name: string; at_s: number }[],
): Promise<{ all: Lateness; due_within_60_s_after_host_loss: Lateness }> {
  const mail = (await (await fetch(`${stack.info.smtpSinkUrl}/api/messages`)).json()) as {
    to: string;
    subject: string;
    receivedAt: string;
  }[];
  const addressOf = new Map(clients.map((entry) => [entry.user, entry.address]));
  const lostAt =
    began + (faultLog.find((fault) => fault.name.includes(LOST_HOST))?.at_s ?? 0) * 1000;
  const due = tracked.filter((task) => task.reminderAt !== undefined);
  const late = (tasks: typeof due) =>
    tasks.flatMap((task) => {
      const message = mail.find(
        (candidate) =>
          candidate.to === addressOf.get(task.user) &&
          candidate.subject.startsWith(`Reminder: ${task.title} (`),
      );
      return message ? [(Date.parse(message.receivedAt) - task.reminderAt!) / 1000] : [];
    });
  const afterLoss = due.filter(
    (task) => task.reminderAt! >= lostAt && task.reminderAt! < lostAt + 60_000,
  );
  return {
    all: lateness(late(due), due.length),
    due_within_60_s_after_host_loss: lateness(late(afterLoss), afterLoss.length),
  };
}
