import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { componentsDir, daprBinary } from '../paths.ts';
import { ManagedProcess } from '../process.ts';
import { httpOk, tcpOpen, waitUntil } from '../wait.ts';

/** Every Dapr process binds to loopback and must not guess its own address. */
const daprEnv = (): NodeJS.ProcessEnv => ({ ...process.env, DAPR_HOST_IP: '127.0.0.1' });

/** Ports of one placement server; a Raft cluster is a list of them. */
export interface PlacementPorts {
  port: number;
  raft: number;
  health: number;
  metrics: number;
}

/** Ports of one scheduler replica and its embedded etcd member. */
export interface SchedulerPorts {
  port: number;
  health: number;
  metrics: number;
  etcdClient: number;
  etcdPeer: number;
}

export interface ControlPlaneMember<P> {
  /** Process name (and log name). */
  name: string;
  index: number;
  /** Every member of the cluster, this one included. */
  cluster: P[];
}

const placementId = (index: number) => `dapr-placement-${index}`;
const schedulerId = (index: number) => `dapr-scheduler-server-${index}`;

/** One placement server: the members form one Raft cluster (a leader disseminates the table). */
export function placementProcess(
  member: ControlPlaneMember<PlacementPorts>,
  logDir: string,
): ManagedProcess {
  const ports = member.cluster[member.index]!;
  return new ManagedProcess({
    name: member.name,
    command: daprBinary('placement'),
    args: [
      '--port',
      String(ports.port),
      '--listen-address',
      '127.0.0.1',
      '--healthz-port',
      String(ports.health),
      '--healthz-listen-address',
      '127.0.0.1',
      '--metrics-port',
      String(ports.metrics),
      '--metrics-listen-address',
      '127.0.0.1',
      '--id',
      placementId(member.index),
      '--initial-cluster',
      member.cluster.map((peer, i) => `${placementId(i)}=127.0.0.1:${peer.raft}`).join(','),
      // The table is rebuilt from the hosts' heartbeats: a restarted server needs no log.
      '--inmem-store-enabled',
      // --disseminate-timeout stays at its 8 s: at 3 s, sidecars slowed by a loaded machine
      // missed rounds, placement closed their streams, and the rounds never settled (chaos run
      // of the HA profile, docs/RELIABILITY.md).
      '--log-level',
      'warn',
    ],
    env: daprEnv(),
    logFile: join(logDir, `${member.name}.log`),
  });
}

/**
 * The scheduler keeps actor reminders (Dapr >= 1.17) in an embedded etcd; the replicas' etcd
 * members form one cluster. `freshData` wipes it so that a test run never sees reminders of an
 * earlier run.
 */
export function schedulerProcess(
  member: ControlPlaneMember<SchedulerPorts>,
  logDir: string,
  dataDir: string,
  freshData: boolean,
): ManagedProcess {
  if (freshData) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const ports = member.cluster[member.index]!;
  return new ManagedProcess({
    name: member.name,
    command: daprBinary('scheduler'),
    args: [
      '--port',
      String(ports.port),
      '--listen-address',
      '127.0.0.1',
      '--healthz-port',
      String(ports.health),
      '--healthz-listen-address',
      '127.0.0.1',
      '--metrics-port',
      String(ports.metrics),
      '--metrics-listen-address',
      '127.0.0.1',
      '--id',
      schedulerId(member.index),
      '--etcd-data-dir',
      dataDir,
      '--etcd-client-port',
      String(ports.etcdClient),
      '--etcd-client-listen-address',
      '127.0.0.1',
      '--etcd-initial-cluster',
      member.cluster
        .map((peer, i) => `${schedulerId(i)}=http://127.0.0.1:${peer.etcdPeer}`)
        .join(','),
      '--override-broadcast-host-port',
      `127.0.0.1:${ports.port}`,
      '--log-level',
      'warn',
    ],
    env: daprEnv(),
    logFile: join(logDir, `${member.name}.log`),
    stopTimeoutMs: 15_000,
  });
}

/** Starts every member side by side (a Raft or etcd member waits for its peers to be healthy). */
export async function startCluster(
  members: ManagedProcess[],
  healthPorts: number[],
  logDir: string,
): Promise<ManagedProcess[]> {
  for (const member of members) member.start();
  await Promise.all(
    members.map((member, i) =>
      waitUntil(member.name, () => httpOk(`http://127.0.0.1:${healthPorts[i]!}/healthz`), {
        exited: member.whenExited(),
        logFile: join(logDir, `${member.name}.log`),
        timeoutMs: 90_000,
      }),
    ),
  );
  return members;
}

export interface SidecarPorts {
  http: number;
  grpc: number;
  internalGrpc: number;
  metrics: number;
}

export interface SidecarSpec {
  /** Process name of the app this sidecar serves (replicas share an appId, not a name). */
  name: string;
  appId: string;
  appPort: number;
  ports: SidecarPorts;
  /** Every placement server and scheduler replica: the sidecar fails over among them. */
  placementPorts: number[];
  schedulerPorts: number[];
  /** daprd's working directory: the run dir, where the local secret store finds secrets.json. */
  cwd: string;
  logDir: string;
  /** The app id's Dapr Configuration (access control, secret scopes; stack/mesh.ts). */
  configFile: string;
  /** DAPR_API_TOKEN and APP_API_TOKEN of the app. */
  env: Record<string, string>;
}

export function sidecarProcess(spec: SidecarSpec): ManagedProcess {
  return new ManagedProcess({
    name: `daprd-${spec.name}`,
    command: daprBinary('daprd'),
    args: [
      '--app-id',
      spec.appId,
      '--app-port',
      String(spec.appPort),
      '--app-protocol',
      'http',
      '--app-channel-address',
      '127.0.0.1',
      '--dapr-http-port',
      String(spec.ports.http),
      '--dapr-grpc-port',
      String(spec.ports.grpc),
      '--dapr-internal-grpc-port',
      String(spec.ports.internalGrpc),
      '--dapr-listen-addresses',
      '127.0.0.1',
      '--dapr-internal-grpc-listen-address',
      '127.0.0.1',
      '--metrics-port',
      String(spec.ports.metrics),
      '--metrics-listen-address',
      '127.0.0.1',
      '--placement-host-address',
      spec.placementPorts.map((port) => `127.0.0.1:${port}`).join(','),
      '--scheduler-host-address',
      spec.schedulerPorts.map((port) => `127.0.0.1:${port}`).join(','),
      '--resources-path',
      componentsDir,
      '--config',
      spec.configFile,
      '--enable-app-health-check',
      '--app-health-check-path',
      '/healthz',
      '--app-health-probe-interval',
      '1',
      '--dapr-graceful-shutdown-seconds',
      '3',
      '--log-level',
      'info',
    ],
    cwd: spec.cwd,
    env: { ...daprEnv(), ...spec.env },
    logFile: join(spec.logDir, `daprd-${spec.name}.log`),
  });
}

export async function waitForSidecar(sidecar: ManagedProcess, spec: SidecarSpec): Promise<void> {
  await waitUntil(
    `daprd ${spec.name}`,
    async () =>
      (await tcpOpen(spec.ports.http)) &&
      httpOk(`http://127.0.0.1:${spec.ports.http}/v1.0/healthz`),
    {
      exited: sidecar.whenExited(),
      logFile: join(spec.logDir, `daprd-${spec.name}.log`),
      timeoutMs: 60_000,
    },
  );
}
