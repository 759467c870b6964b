/**
 * The project's own processes, each with its Dapr sidecar. `name` names the process (and its
 * log); several processes may share an `appId`: replicas of one app, as on Kubernetes.
 */
export interface AppDefinition {
  name: string;
  appId: string;
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
}

export const apps = [
  {
    name: 'todo-actors',
    appId: 'todo-actors',
    entry: 'host/actor-host.ts',
    description: 'TaskActor and UserActor host',
  },
  {
    name: 'todo-projector',
    appId: 'todo-projector',
    entry: 'host/projector.ts',
    description: 'task_view read model',
  },
  {
    name: 'todo-audit',
    appId: 'todo-audit',
    entry: 'host/audit-worker.ts',
    description: 'audit log',
  },
  {
    name: 'todo-notifier-1',
    appId: 'todo-notifier',
    entry: 'host/notifier.ts',
    description: 'reminder e-mails, replica 1',
  },
  {
    name: 'todo-notifier-2',
    appId: 'todo-notifier',
    entry: 'host/notifier.ts',
    description: 'reminder e-mails, replica 2',
  },
  {
    name: 'todo-realtime-1',
    appId: 'todo-realtime',
    entry: 'realtime/main.ts',
    description: 'Socket.IO, replica 1',
  },
  {
    name: 'todo-realtime-2',
    appId: 'todo-realtime',
    entry: 'realtime/main.ts',
    description: 'Socket.IO, replica 2',
  },
  {
    name: 'todo-gateway',
    appId: 'todo-gateway',
    entry: 'gateway/main.ts',
    description: 'REST API and web page',
  },
] as const satisfies readonly AppDefinition[];

export type AppName = (typeof apps)[number]['name'];
