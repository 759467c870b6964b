import { join } from 'node:path';
import { kubeBinary, kwokStages } from '../paths.ts';
import { freePorts, releasePort } from '../ports.ts';
import { ManagedProcess } from '../process.ts';
import { waitUntil } from '../wait.ts';
import type { KubeApiServer } from './kube-apiserver.ts';

/** The simulated node's name; pods the scheduler binds to it are "run" by kwok. */
export const simulatedNode = 'kwok-node-0';

/**
 * What turns stored objects into running ones, without containers: the controller manager
 * (Deployments make ReplicaSets make Pods), the scheduler (Pods go to a node), and kwok playing
 * the kubelet of one node of 32 CPUs, marking every Pod bound to it running and ready. A rollout
 * then completes or gets stuck for the reasons a real one would: scheduling, not images.
 */
export async function startKubeControllers(
  api: KubeApiServer,
  dir: string,
): Promise<{ stop(): Promise<void> }> {
  const ports = await freePorts(['controllerManager', 'scheduler'] as const);
  const processes: ManagedProcess[] = [];
  const stop = async () => {
    for (const process of processes.reverse()) await process.stop();
    for (const port of Object.values(ports)) releasePort(port);
  };
  const start = (name: 'kube-controller-manager' | 'kube-scheduler' | 'kwok', args: string[]) => {
    const process = new ManagedProcess({
      name,
      command: kubeBinary(name),
      args: [`--kubeconfig=${api.kubeconfig}`, ...args],
      logFile: join(dir, `${name}.log`),
    });
    processes.push(process);
    process.start();
    return process;
  };
  try {
    const node = await api.request('POST', '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: simulatedNode,
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
        labels: {
          'kubernetes.io/hostname': simulatedNode,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'topology.kubernetes.io/zone': 'zone-a',
        },
      },
      status: {
        capacity: { cpu: '32', memory: '256Gi', pods: '110' },
        allocatable: { cpu: '32', memory: '256Gi', pods: '110' },
      },
    });
    if (node.status !== 201) throw new Error(`node refused: ${JSON.stringify(node.body)}`);
    start('kwok', [
      `--config=${kwokStages}`,
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--cidr=10.244.0.0/16',
      '--node-ip=10.0.0.1',
    ]);
    const common = [
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--authentication-kubeconfig=${api.kubeconfig}`,
      `--authorization-kubeconfig=${api.kubeconfig}`,
    ];
    start('kube-controller-manager', [
      ...common,
      `--secure-port=${ports.controllerManager}`,
      // What a Deployment needs to roll out, the clean-up of what it replaced, and the
      // controller that lifts a new node's not-ready taint once its "kubelet" reports ready.
      '--controllers=deployment-controller,replicaset-controller,garbage-collector-controller,node-lifecycle-controller',
    ]);
    start('kube-scheduler', [...common, `--secure-port=${ports.scheduler}`]);
    // Ready, and without the taint the API server puts on every new node until it is.
    await waitUntil(`node ${simulatedNode} ready`, async () => {
      const { body } = await api.request<{
        spec: { taints?: object[] };
        status?: { conditions?: { type: string; status: string }[] };
      }>('GET', `/api/v1/nodes/${simulatedNode}`);
      return (
        (body.spec.taints ?? []).length === 0 &&
        (body.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false)
      );
    });
    return { stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
