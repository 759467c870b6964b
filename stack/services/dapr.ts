import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { componentsDir, daprBinary } from '../paths.ts';
import { ManagedProcess } from '../process.ts';
import { httpOk, tcpOpen, waitUntil } from '../wait.ts';

/** Every Dapr process binds to loopback and must not guess its own address. */
const daprEnv = (): NodeJS.ProcessEnv => ({ ...process.env, DAPR_HOST_IP: '127.0.0.1' });

export interface ControlPlanePorts {
  placement: number;
  placementRaft: number;
  placementHealth: number;
  placementMetrics: number;
  scheduler: number;
  schedulerHealth: number;
  schedulerMetrics: number;
  schedulerEtcdClient: number;
  schedulerEtcdPeer: number;
}

export async function startPlacement(
  ports: ControlPlanePorts,
  logDir: string,
): Promise<ManagedProcess> {
  const logFile = join(logDir, 'placement.log');
  const placement = new ManagedProcess({
    name: 'placement',
    command: daprBinary('placement'),
    args: [
      '--port',
      String(ports.placement),
      '--listen-address',
      '127.0.0.1',
      '--healthz-port',
      String(ports.placementHealth),
      '--healthz-listen-address',
      '127.0.0.1',
      '--metrics-port',
      String(ports.placementMetrics),
      '--metrics-listen-address',
      '127.0.0.1',
      '--id',
      'dapr-placement-0',
      '--initial-cluster',
      `dapr-placement-0=127.0.0.1:${ports.placementRaft}`,
      '--inmem-store-enabled',
      '--log-level',
      'warn',
    ],
    env: daprEnv(),
    logFile,
  });
  placement.start();
  await waitUntil('placement', () => httpOk(`http://127.0.0.1:${ports.placementHealth}/healthz`), {
    exited: placement.whenExited(),
    logFile,
  });
  return placement;
}

/**
 * The scheduler keeps actor reminders (Dapr >= 1.17) in an embedded etcd. `freshData` wipes
 * it so that a test run never sees reminders of an earlier run.
 */
export async function startScheduler(
  ports: ControlPlanePorts,
  logDir: string,
  dataDir: string,
  freshData: boolean,
): Promise<ManagedProcess> {
  if (freshData) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(logDir, 'scheduler.log');
  const scheduler = new ManagedProcess({
    name: 'scheduler',
    command: daprBinary('scheduler'),
    args: [
      '--port',
      String(ports.scheduler),
      '--listen-address',
      '127.0.0.1',
      '--healthz-port',
      String(ports.schedulerHealth),
      '--healthz-listen-address',
      '127.0.0.1',
      '--metrics-port',
      String(ports.schedulerMetrics),
      '--metrics-listen-address',
      '127.0.0.1',
      '--id',
      'dapr-scheduler-server-0',
      '--etcd-data-dir',
      dataDir,
      '--etcd-client-port',
      String(ports.schedulerEtcdClient),
      '--etcd-client-listen-address',
      '127.0.0.1',
      '--etcd-initial-cluster',
      `dapr-scheduler-server-0=http://127.0.0.1:${ports.schedulerEtcdPeer}`,
      '--override-broadcast-host-port',
      `127.0.0.1:${ports.scheduler}`,
      '--log-level',
      'warn',
    ],
    env: daprEnv(),
    logFile,
    stopTimeoutMs: 15_000,
  });
  scheduler.start();
  await waitUntil('scheduler', () => httpOk(`http://127.0.0.1:${ports.schedulerHealth}/healthz`), {
    exited: scheduler.whenExited(),
    logFile,
    timeoutMs: 60_000,
  });
  return scheduler;
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
  placementPort: number;
  schedulerPort: number;
  /** daprd's working directory: the run dir, where the local secret store finds secrets.json. */
  cwd: string;
  logDir: string;
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
      `127.0.0.1:${spec.placementPort}`,
      '--scheduler-host-address',
      `127.0.0.1:${spec.schedulerPort}`,
      '--resources-path',
      componentsDir,
      '--config',
      join(componentsDir, 'config.yaml'),
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
    env: daprEnv(),
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
