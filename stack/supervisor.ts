import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appsFor,
  controlPlaneSize,
  memberName,
  type AppDefinition,
  type AppId,
  type AppName,
  type StackProfile,
} from './apps.ts';
import { APP_IDS } from '../platform/app-ids.ts';
import { repoRoot } from './paths.ts';
import { freePort, freePorts } from './ports.ts';
import { ManagedProcess } from './process.ts';
import { loadOrCreateGeneratedSecrets, writeSecrets, type StackSecrets } from './secrets.ts';
import {
  loadOrCreateMesh,
  meshEnv,
  sidecarEnv,
  writeAppDaprConfigurations,
  type MeshIdentities,
} from './mesh.ts';
import { startBackingContainers, type RunningContainer } from './providers/containers.ts';
import { startKafka } from './services/kafka.ts';
import { startNginx } from './services/nginx.ts';
import { defaultBackoff, nextRestart, type CrashStreak } from './restart-policy.ts';
import { canQuery, postgresHome, postgresUrl, startPostgres } from './services/postgres.ts';
import { startRedis } from './services/redis.ts';
import {
  placementProcess,
  schedulerProcess,
  sidecarProcess,
  startCluster,
  waitForSidecar,
  type PlacementPorts,
  type SchedulerPorts,
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
  /**
   * What runs: `default` is light (one actor host, one gateway); `ha` runs what a production
   * cluster runs (3 actor hosts, 2 gateways behind nginx, 2 of each consumer, 3 placement
   * servers, 3 scheduler replicas, 3 Kafka brokers).
   */
  profile?: StackProfile;
  /**
   * Actor hosts to run instead of the profile's count (`todo-actors`, or `todo-actors-1…n`):
   * how CPU per request changes as the actor tier grows is measured with this alone.
   */
  actorHosts?: number;
  /**
   * Start a crashed app or sidecar again with back-off, as a Deployment would (default true).
   * Tests that hold a process down on purpose turn it off.
   */
  restartCrashed?: boolean;
  log?: (line: string) => void;
}

export interface AppEndpoints {
  name: AppName;
  appId: AppId;
  appPort: number;
  daprHttpPort: number;
  daprGrpcPort: number;
  daprMetricsPort: number;
  daprInternalGrpcPort: number;
}

export interface StackInfo {
  profile: StackProfile;
  runDir: string;
  logDir: string;
  gatewayUrl: string;
  smtpSinkUrl: string;
  smtpPort: number;
  postgresUrl: string;
  kafkaBrokers: string;
  redisUrl: string;
  /** Every placement server's and scheduler replica's gRPC port (one each in `default`). */
  placementPorts: number[];
  schedulerPorts: number[];
  /** The replicas of the profile, by process name (only the profile's names are present). */
  apps: Record<AppName, AppEndpoints>;
  secrets: StackSecrets;
  /** Sidecar and app tokens per app id, and the signers' caller-assertion keys (stack/mesh.ts). */
  mesh: MeshIdentities;
}

/** What the stack starts and stops: a local process or a container. */
type Supervised = ManagedProcess | RunningContainer;

export class Stack {
  private readonly processes: Supervised[] = [];
  private readonly byName = new Map<string, Supervised>();
  private stopped = false;
  private readonly crashStreaks = new Map<string, CrashStreak>();

  private constructor(
    readonly info: StackInfo,
    private readonly options: StackOptions,
    /** The replicas of the profile, in start order. */
    readonly apps: AppDefinition[],
    /** Each app id's Dapr configuration file (stack/mesh.ts). */
    private readonly daprConfigs: Record<AppId, string>,
  ) {}

  /** Starts everything in dependency order; on any failure stops what did start, then throws. */
  static async start(options: StackOptions): Promise<Stack> {
    const runDir = options.runDir;
    const logDir = join(runDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    reapLeftovers(runDir);
    const log = options.log ?? (() => undefined);
    const profile = options.profile ?? 'default';
    const apps = appsFor(profile, { actorHosts: options.actorHosts });
    const size = controlPlaneSize(profile);

    const ports = await freePorts(['postgres', 'redis', 'smtp']);
    const kafkaPorts = await repeat(size.kafkaBrokers, () => freePorts(['port', 'controllerPort']));
    const placementPorts: PlacementPorts[] = await repeat(size.placement, () =>
      freePorts(['port', 'raft', 'health', 'metrics']),
    );
    const schedulerPorts: SchedulerPorts[] = await repeat(size.scheduler, () =>
      freePorts(['port', 'health', 'metrics', 'etcdClient', 'etcdPeer']),
    );
    // With several gateways the proxy takes the port people type; with one, the gateway does.
    const gateways = apps.filter((app) => app.appId === APP_IDS.gateway);
    const proxied = gateways.length > 1;
    const frontPort = await preferred(options.preferredPorts?.gateway);
    const smtpSinkHttpPort = await preferred(options.preferredPorts?.smtpSinkHttp);
    const appEndpoints = {} as Record<AppName, AppEndpoints>;
    for (const app of apps) {
      const sidecar = await freePorts(['http', 'grpc', 'internalGrpc', 'metrics']);
      appEndpoints[app.name] = {
        name: app.name,
        appId: app.appId,
        appPort: app.appId === APP_IDS.gateway && !proxied ? frontPort : await freePort(),
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
      'kafka-brokers': kafkaPorts.map((broker) => `127.0.0.1:${broker.port}`).join(','),
      'redis-url': `redis://127.0.0.1:${ports.redis}`,
      'smtp-host': '127.0.0.1',
      'smtp-port': String(ports.smtp),
    };
    writeSecrets(runDir, secrets);
    const appIds = [...new Set(apps.map((app) => app.appId))];
    const mesh = loadOrCreateMesh(runDir, appIds);
    const daprConfigs = writeAppDaprConfigurations(runDir, appIds);

    const stack = new Stack(
      {
        profile,
        runDir,
        logDir,
        gatewayUrl: `http://127.0.0.1:${frontPort}`,
        smtpSinkUrl: `http://127.0.0.1:${smtpSinkHttpPort}`,
        smtpPort: ports.smtp,
        postgresUrl: secrets['postgres-url'],
        kafkaBrokers: secrets['kafka-brokers'],
        redisUrl: secrets['redis-url'],
        placementPorts: placementPorts.map((member) => member.port),
        schedulerPorts: schedulerPorts.map((member) => member.port),
        apps: appEndpoints,
        secrets,
        mesh,
      },
      options,
      apps,
      daprConfigs,
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
      if (infra === 'containers' && size.kafkaBrokers > 1) {
        throw new Error('the ha profile runs its Kafka cluster as processes, not containers');
      }
      const backing =
        infra === 'containers'
          ? [
              timed('postgres, redis, kafka (containers)', () =>
                startBackingContainers(
                  { ...ports, kafka: kafkaPorts[0]!.port },
                  generated['postgres-password'],
                ),
              ),
            ]
          : stack.backingProcesses(ports, kafkaPorts, generated['postgres-password'], timed);
      const placement = placementPorts.map((_, index) =>
        placementProcess(
          { name: memberName('placement', index, size.placement), index, cluster: placementPorts },
          logDir,
        ),
      );
      const scheduler = schedulerPorts.map((_, index) =>
        schedulerProcess(
          { name: memberName('scheduler', index, size.scheduler), index, cluster: schedulerPorts },
          logDir,
          join(runDir, memberName('scheduler', index, size.scheduler)),
          options.freshReminders ?? true,
        ),
      );
      const started = await Promise.all([
        ...backing,
        timed('smtp sink', () => stack.startSmtpSink(ports.smtp, smtpSinkHttpPort)),
        timed('placement', () =>
          startCluster(
            placement,
            placementPorts.map((member) => member.health),
            logDir,
          ),
        ),
        timed('scheduler', () =>
          startCluster(
            scheduler,
            schedulerPorts.map((member) => member.health),
            logDir,
          ),
        ),
      ]);
      for (const process of started.flat()) stack.track(process);
      if (options.apps ?? true) {
        await timed('apps', () => stack.startApps());
        if (proxied) {
          const endpoints = Object.values(appEndpoints);
          const portsOf = (appId: string) =>
            endpoints.filter((app) => app.appId === appId).map((app) => app.appPort);
          stack.track(
            await timed('nginx', () =>
              startNginx({
                dir: join(runDir, 'nginx'),
                logDir,
                port: frontPort,
                gatewayPorts: portsOf(APP_IDS.gateway),
                realtimePorts: portsOf(APP_IDS.realtime),
              }),
            ),
          );
        }
      }
      stack.writePids();
      return stack;
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  /** PostgreSQL, Redis and Kafka as local processes (the default, and all a machine without Docker has). */
  private backingProcesses(
    ports: { postgres: number; redis: number },
    kafkaPorts: { port: number; controllerPort: number }[],
    password: string,
    timed: <T>(what: string, start: () => Promise<T>) => Promise<T>,
  ): Promise<ManagedProcess | ManagedProcess[]>[] {
    const { runDir, logDir } = this.info;
    const kafkaName = (index: number) => memberName('kafka', index, kafkaPorts.length);
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
          logFile: (index) => join(logDir, `${kafkaName(index)}.log`),
          name: kafkaName,
          brokers: kafkaPorts,
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
    const schedulers = this.info.schedulerPorts.map((_, index, all) =>
      memberName('scheduler', index, all.length),
    );
    for (const dir of ['postgres', 'kafka', ...schedulers, 'redis', 'mail', 'nginx']) {
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
    // The proxy first (no new requests), then apps and sidecars, then the infrastructure.
    const appNames = new Set(this.apps.flatMap((app) => [app.name, `daprd-${app.name}`]));
    await this.byName.get('nginx')?.stop();
    for (const process of running.filter((p) => appNames.has(p.name))) await process.stop();
    await Promise.all(running.filter((p) => !appNames.has(p.name)).map((p) => p.stop()));
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
    for (const app of this.apps) this.createApp(app.name, app.entry);
    // Replicas of an app load the same components, and the first start of the actor state store
    // creates its tables: two sidecars doing that at once on a fresh database fail with
    // `type "dapr_metadata" already exists`. One replica of every app first, then the others.
    const firsts = this.apps.filter(
      (app, index) => this.apps.findIndex((other) => other.appId === app.appId) === index,
    );
    await Promise.all(firsts.map((app) => this.startApp(app.name)));
    await Promise.all(
      this.apps.filter((app) => !firsts.includes(app)).map((app) => this.startApp(app.name)),
    );
  }

  /** Names of the replicas of an app, e.g. `todo-actors` → `todo-actors-1`, `todo-actors-2`, … */
  replicas(appId: string): AppName[] {
    return this.apps.filter((app) => app.appId === appId).map((app) => app.name);
  }

  /**
   * A crashed app or sidecar (one that exited without stop() asking) is started again after a
   * back-off, as a Deployment's kubelet would; the decision is written to its log and the stack's.
   */
  private restartWhenCrashed(process: ManagedProcess): void {
    process.onCrash((crash) => {
      if (this.stopped || this.options.restartCrashed === false) return;
      const { delayMs, streak } = nextRestart(
        this.crashStreaks.get(process.name) ?? { crashes: 0 },
        crash.upMs,
        defaultBackoff,
      );
      this.crashStreaks.set(process.name, streak);
      const line = `${process.name} exited (code ${crash.code}, signal ${crash.signal}) after ${(crash.upMs / 1000).toFixed(1)} s; restart ${streak.crashes} in ${(delayMs / 1000).toFixed(1)} s`;
      process.note(line);
      this.options.log?.(line);
      setTimeout(() => {
        // Stopped meanwhile, or already started again by hand (startApp after a fault).
        if (this.stopped || process.running) return;
        process.start();
        process.note(`restarted by the supervisor`);
        this.writePids();
      }, delayMs).unref();
    });
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
    this.restartWhenCrashed(this.process(name));
    this.restartWhenCrashed(this.process(`daprd-${name}`));
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
      placementPorts: this.info.placementPorts,
      schedulerPorts: this.info.schedulerPorts,
      cwd: this.info.runDir,
      logDir: this.info.logDir,
      configFile: this.daprConfigs[endpoints.appId],
      env: sidecarEnv(this.info.mesh, endpoints.appId),
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
      ...meshEnv(this.info.mesh, endpoints.appId),
      HOST: '127.0.0.1',
      PORT: String(endpoints.appPort),
      DAPR_HOST: '127.0.0.1',
      DAPR_HTTP_PORT: String(endpoints.daprHttpPort),
      DAPR_GRPC_PORT: String(endpoints.daprGrpcPort),
      PUBLIC_URL: this.info.gatewayUrl,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      // Browsers load the page from the gateway and open Socket.IO on a realtime replica.
      REALTIME_URLS: Object.values(this.info.apps)
        .filter((app) => app.appId === APP_IDS.realtime)
        .map((app) => `http://127.0.0.1:${app.appPort}`)
        .join(','),
      ...(endpoints.appId === APP_IDS.realtime ? { CORS_ORIGINS: this.info.gatewayUrl } : {}),
    };
  }

  private writePids(): void {
    const pids = this.processes
      .filter((p): p is ManagedProcess => p instanceof ManagedProcess && p.running)
      .map((p) => ({ name: p.name, pid: p.pid }));
    writeFileSync(join(this.info.runDir, 'pids.json'), JSON.stringify(pids));
  }
}

async function repeat<T>(count: number, make: () => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let i = 0; i < count; i++) made.push(await make());
  return made;
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
