import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apps, type AppName } from './apps.ts';
import { repoRoot } from './paths.ts';
import { freePort, freePorts } from './ports.ts';
import { ManagedProcess } from './process.ts';
import { loadOrCreateGeneratedSecrets, writeSecrets, type StackSecrets } from './secrets.ts';
import { startBackingContainers, type RunningContainer } from './providers/containers.ts';
import { startKafka } from './services/kafka.ts';
import { canQuery, postgresHome, postgresUrl, startPostgres } from './services/postgres.ts';
import { startRedis } from './services/redis.ts';
import {
  sidecarProcess,
  startPlacement,
  startScheduler,
  waitForSidecar,
  type SidecarSpec,
} from './services/dapr.ts';
import { httpOk, tcpOpen, waitUntil } from './wait.ts';

export interface StackOptions {
  /** Data dirs, logs and secrets of this stack. Tests pass a fresh one per run. */
  runDir: string;
  /** Start the project's apps (and their sidecars), not only the infrastructure. */
  apps?: boolean;
  /** fsync on for PostgreSQL; `npm start` keeps data, tests throw it away. */
  durable?: boolean;
  /** Ports people type: used when free, otherwise any free port. */
  preferredPorts?: { gateway?: number; smtpSinkHttp?: number };
  /** Wipe the scheduler's reminder store at start (always true for tests). */
  freshReminders?: boolean;
  /**
   * Where PostgreSQL, Redis and Kafka run: local processes (default), or containers of their
   * official images where a Docker engine answers (STACK_INFRA=containers).
   */
  infra?: 'processes' | 'containers';
  log?: (line: string) => void;
}

export interface AppEndpoints {
  name: AppName;
  appId: string;
  appPort: number;
  daprHttpPort: number;
  daprGrpcPort: number;
  daprMetricsPort: number;
  daprInternalGrpcPort: number;
}

export interface StackInfo {
  runDir: string;
  logDir: string;
  gatewayUrl: string;
  smtpSinkUrl: string;
  smtpPort: number;
  postgresUrl: string;
  kafkaBrokers: string;
  redisUrl: string;
  placementPort: number;
  schedulerPort: number;
  apps: Record<AppName, AppEndpoints>;
  secrets: StackSecrets;
}

/** What the stack starts and stops: a local process or a container. */
type Supervised = ManagedProcess | RunningContainer;

export class Stack {
  private readonly processes: Supervised[] = [];
  private readonly byName = new Map<string, Supervised>();
  private stopped = false;

  private constructor(
    readonly info: StackInfo,
    private readonly options: StackOptions,
  ) {}

  /** Starts everything in dependency order; on any failure stops what did start, then throws. */
  static async start(options: StackOptions): Promise<Stack> {
    const runDir = options.runDir;
    const logDir = join(runDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    reapLeftovers(runDir);
    const log = options.log ?? (() => undefined);

    const ports = await freePorts([
      'postgres',
      'redis',
      'kafka',
      'kafkaController',
      'smtp',
      'placement',
      'placementRaft',
      'placementHealth',
      'placementMetrics',
      'scheduler',
      'schedulerHealth',
      'schedulerMetrics',
      'schedulerEtcdClient',
      'schedulerEtcdPeer',
    ]);
    const gatewayPort = await preferred(options.preferredPorts?.gateway);
    const smtpSinkHttpPort = await preferred(options.preferredPorts?.smtpSinkHttp);
    const appEndpoints = {} as Record<AppName, AppEndpoints>;
    for (const app of apps) {
      const sidecar = await freePorts(['http', 'grpc', 'internalGrpc', 'metrics']);
      appEndpoints[app.name] = {
        name: app.name,
        appId: app.appId,
        appPort: app.name === 'todo-gateway' ? gatewayPort : await freePort(),
        daprHttpPort: sidecar.http,
        daprGrpcPort: sidecar.grpc,
        daprMetricsPort: sidecar.metrics,
        daprInternalGrpcPort: sidecar.internalGrpc,
      };
    }

    const generated = loadOrCreateGeneratedSecrets(runDir);
    const secrets: StackSecrets = {
      ...generated,
      'postgres-url': postgresUrl(ports.postgres, generated['postgres-password']),
      'kafka-brokers': `127.0.0.1:${ports.kafka}`,
      'redis-url': `redis://127.0.0.1:${ports.redis}`,
      'smtp-host': '127.0.0.1',
      'smtp-port': String(ports.smtp),
    };
    writeSecrets(runDir, secrets);

    const stack = new Stack(
      {
        runDir,
        logDir,
        gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
        smtpSinkUrl: `http://127.0.0.1:${smtpSinkHttpPort}`,
        smtpPort: ports.smtp,
        postgresUrl: secrets['postgres-url'],
        kafkaBrokers: secrets['kafka-brokers'],
        redisUrl: secrets['redis-url'],
        placementPort: ports.placement,
        schedulerPort: ports.scheduler,
        apps: appEndpoints,
        secrets,
      },
      options,
    );
    try {
      const timed = async <T>(what: string, start: () => Promise<T>): Promise<T> => {
        const began = Date.now();
        const result = await start();
        log(`${what} ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);
        return result;
      };
      // Infrastructure has no dependencies among itself: start it side by side.
      const infra =
        options.infra ?? (process.env.STACK_INFRA === 'containers' ? 'containers' : 'processes');
      const backing =
        infra === 'containers'
          ? [
              timed('postgres, redis, kafka (containers)', () =>
                startBackingContainers(ports, generated['postgres-password']),
              ),
            ]
          : stack.backingProcesses(ports, generated['postgres-password'], timed);
      const started = await Promise.all([
        ...backing,
        timed('smtp sink', () => stack.startSmtpSink(ports.smtp, smtpSinkHttpPort)),
        timed('placement', () => startPlacement(ports, logDir)),
        timed('scheduler', () =>
          startScheduler(ports, logDir, join(runDir, 'scheduler'), options.freshReminders ?? true),
        ),
      ]);
      for (const process of started.flat()) stack.track(process);
      if (options.apps ?? true) await timed('apps', () => stack.startApps());
      stack.writePids();
      return stack;
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  /** PostgreSQL, Redis and Kafka as local processes (the default, and all a machine without Docker has). */
  private backingProcesses(
    ports: { postgres: number; redis: number; kafka: number; kafkaController: number },
    password: string,
    timed: <T>(what: string, start: () => Promise<T>) => Promise<T>,
  ): Promise<ManagedProcess>[] {
    const { runDir, logDir } = this.info;
    return [
      timed('postgres', () =>
        startPostgres({
          dir: join(runDir, 'postgres'),
          logFile: join(logDir, 'postgres.log'),
          port: ports.postgres,
          password,
          durable: this.options.durable ?? false,
        }),
      ),
      timed('redis', () =>
        startRedis({
          dir: join(runDir, 'redis'),
          port: ports.redis,
          logFile: join(logDir, 'redis.log'),
        }),
      ),
      timed('kafka', () =>
        startKafka({
          dir: join(runDir, 'kafka'),
          logFile: join(logDir, 'kafka.log'),
          port: ports.kafka,
          controllerPort: ports.kafkaController,
        }),
      ),
    ];
  }

  /** A supervised process by name (`postgres`, `kafka`, `todo-actors`, `daprd-todo-actors`, …). */
  process(name: string): ManagedProcess {
    const found = this.byName.get(name);
    if (!(found instanceof ManagedProcess)) throw new Error(`no local process named ${name}`);
    return found;
  }

  /** Pids of the local processes, by name (containers have none). */
  pids(): Record<string, number> {
    return Object.fromEntries(
      this.processes
        .filter((p): p is ManagedProcess => p instanceof ManagedProcess && p.pid !== undefined)
        .map((p) => [p.name, p.pid!]),
    );
  }

  get processNames(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * Removes the data of a stopped stack (logs stay). PostgreSQL's cluster may live outside the
   * run dir (see postgresHome), so removing the run dir alone is not enough.
   */
  removeData(): void {
    if (!this.stopped) throw new Error('stop the stack before removing its data');
    for (const dir of ['postgres', 'kafka', 'scheduler', 'redis', 'mail']) {
      rmSync(join(this.info.runDir, dir), { recursive: true, force: true });
    }
    rmSync(postgresHome(join(this.info.runDir, 'postgres')), { recursive: true, force: true });
  }

  /** Stops in reverse start order: apps before their sidecars before infrastructure. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const running = [...this.processes].reverse();
    // Apps and sidecars first, then the infrastructure side by side.
    const infraNames = new Set([
      'postgres',
      'redis',
      'kafka',
      'smtp-sink',
      'placement',
      'scheduler',
    ]);
    for (const process of running.filter((p) => !infraNames.has(p.name))) await process.stop();
    await Promise.all(running.filter((p) => infraNames.has(p.name)).map((p) => p.stop()));
    this.writePids();
  }

  private track<P extends Supervised>(process: P): P {
    this.processes.push(process);
    this.byName.set(process.name, process);
    return process;
  }

  private async startSmtpSink(smtpPort: number, httpPort: number): Promise<ManagedProcess> {
    const logFile = join(this.info.logDir, 'smtp-sink.log');
    const sink = new ManagedProcess({
      name: 'smtp-sink',
      command: process.execPath,
      args: ['--import', 'tsx', join(repoRoot, 'stack', 'smtp-sink', 'main.ts')],
      cwd: repoRoot,
      env: {
        ...process.env,
        SMTP_PORT: String(smtpPort),
        HTTP_PORT: String(httpPort),
        MAIL_DIR: join(this.info.runDir, 'mail'),
        SMTP_USER: this.info.secrets['smtp-user'],
        SMTP_PASSWORD: this.info.secrets['smtp-password'],
      },
      logFile,
    });
    sink.start();
    await waitUntil('smtp sink', () => httpOk(`http://127.0.0.1:${httpPort}/healthz`), {
      exited: sink.whenExited(),
      logFile,
    });
    return sink;
  }

  private async startApps(): Promise<void> {
    for (const app of apps) this.createApp(app.name, app.entry);
    await Promise.all(apps.map((app) => this.startApp(app.name)));
  }

  private createApp(name: AppName, entry: string): void {
    const endpoints = this.info.apps[name];
    this.track(
      new ManagedProcess({
        name,
        command: process.execPath,
        args: [
          '--enable-source-maps',
          // Flags Node refuses in NODE_OPTIONS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile.
          ...(process.env.TODO_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
          '--import',
          'tsx',
          join(repoRoot, entry),
        ],
        cwd: repoRoot,
        env: this.appEnv(endpoints),
        logFile: join(this.info.logDir, `${name}.log`),
      }),
    );
    this.track(sidecarProcess(this.sidecarSpec(name)));
  }

  private sidecarSpec(name: AppName): SidecarSpec {
    const endpoints = this.info.apps[name];
    return {
      name,
      appId: endpoints.appId,
      appPort: endpoints.appPort,
      ports: {
        http: endpoints.daprHttpPort,
        grpc: endpoints.daprGrpcPort,
        internalGrpc: endpoints.daprInternalGrpcPort,
        metrics: endpoints.daprMetricsPort,
      },
      placementPort: this.info.placementPort,
      schedulerPort: this.info.schedulerPort,
      cwd: this.info.runDir,
      logDir: this.info.logDir,
    };
  }

  /** Stops PostgreSQL with a fast shutdown, starts it again and waits until it answers. */
  async restartPostgres(): Promise<void> {
    const postgres = this.process('postgres');
    await postgres.stop();
    postgres.start();
    await waitUntil('postgres', () => canQuery(this.info.postgresUrl), {
      exited: postgres.whenExited(),
      logFile: join(this.info.logDir, 'postgres.log'),
      timeoutMs: 60_000,
    });
  }

  /** Starts an app and its sidecar (again, after a crash) and waits until both are ready. */
  async startApp(name: AppName): Promise<void> {
    const appProcess = this.process(name);
    const sidecar = this.process(`daprd-${name}`);
    if (!appProcess.running) appProcess.start();
    if (!sidecar.running) sidecar.start();
    const spec = this.sidecarSpec(name);
    await waitForSidecar(sidecar, spec);
    await waitUntil(name, () => httpOk(`http://127.0.0.1:${spec.appPort}/readyz`), {
      exited: appProcess.whenExited(),
      logFile: join(this.info.logDir, `${name}.log`),
      timeoutMs: 60_000,
    });
    this.writePids();
  }

  private appEnv(endpoints: AppEndpoints): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      APP_ID: endpoints.appId,
      APP_INSTANCE: endpoints.name,
      HOST: '127.0.0.1',
      PORT: String(endpoints.appPort),
      DAPR_HOST: '127.0.0.1',
      DAPR_HTTP_PORT: String(endpoints.daprHttpPort),
      DAPR_GRPC_PORT: String(endpoints.daprGrpcPort),
      PUBLIC_URL: this.info.gatewayUrl,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      // Browsers load the page from the gateway and open Socket.IO on a realtime replica.
      REALTIME_URLS: Object.values(this.info.apps)
        .filter((app) => app.appId === 'todo-realtime')
        .map((app) => `http://127.0.0.1:${app.appPort}`)
        .join(','),
      ...(endpoints.appId === 'todo-realtime' ? { CORS_ORIGINS: this.info.gatewayUrl } : {}),
    };
  }

  private writePids(): void {
    const pids = this.processes
      .filter((p): p is ManagedProcess => p instanceof ManagedProcess && p.running)
      .map((p) => ({ name: p.name, pid: p.pid }));
    writeFileSync(join(this.info.runDir, 'pids.json'), JSON.stringify(pids));
  }
}

async function preferred(port: number | undefined): Promise<number> {
  if (port === undefined) return freePort();
  return (await tcpOpen(port)) ? freePort() : port;
}

/**
 * A supervisor killed with SIGKILL cannot stop its children. The next start of the same run
 * dir stops what the last one left, if those pids still belong to processes of this run dir.
 */
function reapLeftovers(runDir: string): void {
  const file = join(runDir, 'pids.json');
  if (!existsSync(file)) return;
  const entries = JSON.parse(readFileSync(file, 'utf8')) as { name: string; pid: number }[];
  for (const { pid } of entries) {
    if (!belongsToRunDir(pid, runDir)) continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

function belongsToRunDir(pid: number, runDir: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    return (
      commandLine.includes(runDir) || environ.includes(runDir) || commandLine.includes(repoRoot)
    );
  } catch {
    return false;
  }
}
