/** The project's own processes, each with its Dapr sidecar. */
export interface AppDefinition {
  appId: string;
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
}

export const apps = [
  {
    appId: 'todo-actors',
    entry: 'host/actor-host.ts',
    description: 'TaskActor and UserActor host',
  },
  { appId: 'todo-projector', entry: 'host/projector.ts', description: 'task_view read model' },
  { appId: 'todo-audit', entry: 'host/audit-worker.ts', description: 'audit log projection' },
  { appId: 'todo-gateway', entry: 'gateway/main.ts', description: 'REST API and web page' },
] as const satisfies readonly AppDefinition[];

export type AppId = (typeof apps)[number]['appId'];
