/**
 * The capacity model of docs/SCALING.md: measured CPU per operation per process (bench:api)
 * times an explicit workload gives CPU per app at peak, and from it replicas, partitions and
 * database size for a number of users. Pure: the figures in, the plan out.
 */

/** One gateway run of bench/results/api.json. */
export interface MeasuredRun {
  target: string;
  operation: string;
  connections: number;
  cpu_ms_per_request?: Record<string, number>;
}

export type Operation = 'create' | 'write' | 'list' | 'get' | 'reminder' | 'login';
export type App = 'gateway' | 'actors' | 'projector' | 'audit' | 'notifier' | 'realtime';
export const apps: App[] = ['gateway', 'actors', 'projector', 'audit', 'notifier', 'realtime'];
export type Infra = 'kafka' | 'postgres' | 'redis' | 'placement' | 'scheduler';

export interface Workload {
  /** Share of registered users active on a given day. */
  dailyActiveShare: number;
  /** What one active user does in a day. */
  perActiveUserPerDay: Record<Operation, number>;
  /** Peak minute over the day's average rate. */
  peakFactor: number;
  /** Reminders bunch on round times (09:00 local), more than requests do. */
  reminderPeakFactor: number;
  /** Share of registered users with the page open at the peak, and their sockets each. */
  onlineShareAtPeak: number;
  socketsPerOnlineUser: number;
  /** Tasks kept per registered user (open and finished); days of audit events kept in PostgreSQL. */
  storedTasksPerUser: number;
  auditRetentionDays: number;
}

export const workload: Workload = {
  dailyActiveShare: 0.3,
  perActiveUserPerDay: { create: 3, write: 7, list: 35, get: 15, reminder: 2, login: 0.2 },
  peakFactor: 5,
  reminderPeakFactor: 10,
  onlineShareAtPeak: 0.1,
  socketsPerOnlineUser: 1.5,
  storedTasksPerUser: 100,
  auditRetentionDays: 90,
};

/** How a replica is run: what it may use, and the floor that availability sets. */
export const sizing = {
  /** vCPU one replica (app container and its sidecar) is given. */
  replicaCpu: 1,
  /**
   * Utilisation to plan at (the HPA's target): after losing one zone of three the others carry
   * 1.5× their load, 60 % × 1.5 = 90 %.
   */
  targetUtilisation: 0.6,
  /** Replicas no app goes below: one per zone for the actor hosts, two for the rest. */
  minReplicas: { gateway: 2, actors: 3, projector: 2, audit: 2, notifier: 2, realtime: 2 },
  /** HPA ceiling over the planned replicas: room for a burst the model did not foresee. */
  burstFactor: 3,
  /** Open Socket.IO connections one realtime replica is planned for (memory bound). */
  socketsPerRealtimeReplica: 10_000,
  /**
   * Events per second one partition carries for one consumer group: Dapr hands a partition's
   * messages to the app one at a time (per-task order), a projector turn is about 4 ms, and
   * consumer lag must stay under the plan's 1 s through a rebalance: 40 % of 250/s.
   */
  eventsPerPartition: 100,
  /** Topic floors (the seed plan's counts): room for the consumers' HPA ceilings at the first step. */
  minPartitions: { 'task-events': 6, reminders: 3, 'dlq-events': 3 },
} as const;

/** CPU ms a log-in costs the gateway: scrypt at N = 2^17 (bench:abuse, docs/PERFORMANCE.md). */
export const loginCpuMs = 269;

/** Which run measures which operation: the runs where every request did the full work. */
const measuredBy: Record<
  Exclude<Operation, 'login'>,
  { operation: string; connections: number }
> = {
  create: { operation: 'create', connections: 8 },
  // c = 1: later runs complete tasks already completed (an idempotent answer, no event).
  write: { operation: 'complete', connections: 1 },
  list: { operation: 'list', connections: 8 },
  get: { operation: 'get', connections: 8 },
  // Not measured on its own: a reminder is a TaskActor turn, an event and a mail, priced as a
  // completion (the notifier's SMTP call is I/O).
  reminder: { operation: 'complete', connections: 1 },
};

const appOf = (process: string): App | Infra | undefined => {
  const name = process
    .replace(/^daprd-/, '')
    .replace(/^todo-/, '')
    .replace(/-\d+$/, '');
  return [...apps, 'kafka', 'postgres', 'redis', 'placement', 'scheduler'].includes(name)
    ? (name as App | Infra)
    : undefined;
};

/**
 * CPU ms of one request by app and infrastructure, from bench:api's figures by process: an
 * app's replicas (`todo-actors-1…n`) and their sidecars are summed into one role.
 */
export function cpuByApp(byProcess: Record<string, number>): Partial<Record<App | Infra, number>> {
  const byApp: Partial<Record<App | Infra, number>> = {};
  for (const [process, ms] of Object.entries(byProcess)) {
    const app = appOf(process);
    if (app) byApp[app] = (byApp[app] ?? 0) + ms;
  }
  return byApp;
}

/** CPU ms per operation, by app (its processes and sidecars summed) and infrastructure. */
export function cpuPerOperation(
  runs: MeasuredRun[],
): Record<Operation, Partial<Record<App | Infra, number>>> {
  const result = {} as Record<Operation, Partial<Record<App | Infra, number>>>;
  for (const [operation, source] of Object.entries(measuredBy)) {
    const run = runs.find(
      (r) =>
        r.target === 'gateway' &&
        r.operation === source.operation &&
        r.connections === source.connections,
    );
    if (!run?.cpu_ms_per_request)
      throw new Error(`no CPU figures for ${source.operation} at c = ${source.connections}`);
    result[operation as Operation] = cpuByApp(run.cpu_ms_per_request);
  }
  result.login = { gateway: loginCpuMs };
  return result;
}

/** What a row in each table costs, from bench:storage (bytes with indexes), per task. */
export interface StoragePerTask {
  actorState: number;
  readModel: number;
  /** Per audit event. */
  auditEvent: number;
}

/** Bytes per task of the actor state and the read model, and per audit event, from bench:storage. */
export function storagePerTask(measured: {
  tables: { table: string; rows: number; total_bytes: number }[];
  tasks: number;
}): StoragePerTask {
  const table = (name: string) => measured.tables.find((t) => t.table === name);
  const bytes = (name: string) => table(name)?.total_bytes ?? 0;
  return {
    actorState: Math.round((bytes('state') + bytes('state_metadata')) / measured.tasks),
    readModel: Math.round(bytes('task_view') / measured.tasks),
    auditEvent: Math.round(bytes('audit_log') / Math.max(table('audit_log')?.rows ?? 1, 1)),
  };
}

export interface Step {
  users: number;
  activeUsers: number;
  peakPerSecond: Record<Operation, number>;
  cpuCores: Record<App | Infra, number>;
  replicas: Record<App, number>;
  hpa: Record<App, { min: number; max: number }>;
  sockets: number;
  eventsPerSecond: { 'task-events': number; reminders: number };
  partitions: { 'task-events': number; reminders: number; 'dlq-events': number };
  storage: { tasks: number; auditEvents: number; bytes: number };
}

const roundUpTo = (value: number, multiple: number) => Math.ceil(value / multiple) * multiple;
const round2 = (value: number) => Math.round(value * 100) / 100;

export function plan(
  users: number,
  cpu: Record<Operation, Partial<Record<App | Infra, number>>>,
  storage: StoragePerTask,
  load: Workload = workload,
): Step {
  const activeUsers = users * load.dailyActiveShare;
  const peakPerSecond = Object.fromEntries(
    Object.entries(load.perActiveUserPerDay).map(([operation, perDay]) => [
      operation,
      round2(
        ((activeUsers * perDay) / 86_400) *
          (operation === 'reminder' ? load.reminderPeakFactor : load.peakFactor),
      ),
    ]),
  ) as Record<Operation, number>;

  const cpuCores = {} as Record<App | Infra, number>;
  for (const [operation, rate] of Object.entries(peakPerSecond))
    for (const [part, ms] of Object.entries(cpu[operation as Operation]))
      cpuCores[part as App | Infra] = (cpuCores[part as App | Infra] ?? 0) + (rate * ms) / 1000;
  for (const part of Object.keys(cpuCores)) cpuCores[part as App] = round2(cpuCores[part as App]);

  const sockets = Math.round(users * load.onlineShareAtPeak * load.socketsPerOnlineUser);
  const byCpu = (app: App) =>
    Math.ceil((cpuCores[app] ?? 0) / (sizing.replicaCpu * sizing.targetUtilisation));
  const replicas = Object.fromEntries(
    apps.map((app) => [
      app,
      Math.max(
        sizing.minReplicas[app],
        byCpu(app),
        app === 'realtime' ? Math.ceil(sockets / sizing.socketsPerRealtimeReplica) : 0,
      ),
    ]),
  ) as Record<App, number>;

  const eventsPerSecond = {
    'task-events': round2(peakPerSecond.create + peakPerSecond.write),
    reminders: round2(peakPerSecond.reminder),
  };
  const needed = (topic: keyof typeof eventsPerSecond, consumers: number) =>
    Math.max(
      sizing.minPartitions[topic],
      roundUpTo(eventsPerSecond[topic] / sizing.eventsPerPartition, 3),
      roundUpTo(consumers, 3),
    );
  // Enough partitions for the events, and for every consumer replica the CPU needs. Realtime
  // reads both topics too, but its replicas beyond the partitions still serve sockets (Redis
  // adapter), so sockets never call for partitions.
  const partitions = {
    'task-events': needed('task-events', Math.max(replicas.projector, replicas.audit)),
    reminders: needed('reminders', replicas.notifier),
    'dlq-events': sizing.minPartitions['dlq-events'],
  };
  // A consumer beyond its topic's partition count would sit idle.
  const consumes: Partial<Record<App, keyof typeof partitions>> = {
    projector: 'task-events',
    audit: 'task-events',
    notifier: 'reminders',
  };
  const hpa = Object.fromEntries(
    apps.map((app) => {
      const topic = consumes[app];
      const max = replicas[app] * sizing.burstFactor;
      return [app, { min: replicas[app], max: topic ? Math.min(max, partitions[topic]) : max }];
    }),
  ) as Record<App, { min: number; max: number }>;

  const tasks = users * load.storedTasksPerUser;
  const auditEvents = Math.round(
    activeUsers *
      (load.perActiveUserPerDay.create +
        load.perActiveUserPerDay.write +
        load.perActiveUserPerDay.reminder) *
      load.auditRetentionDays,
  );
  return {
    users,
    activeUsers,
    peakPerSecond,
    cpuCores,
    replicas,
    hpa,
    sockets,
    eventsPerSecond,
    partitions,
    storage: {
      tasks,
      auditEvents,
      bytes: tasks * (storage.actorState + storage.readModel) + auditEvents * storage.auditEvent,
    },
  };
}
