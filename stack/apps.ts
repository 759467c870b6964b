import { APP_IDS, type AppId } from '../platform/app-ids.ts';

/**
 * The project's own processes, each with its Dapr sidecar. `name` names the process (and its
 * log); several processes share an `appId`: replicas of one app, as on Kubernetes. How many
 * replicas each app runs is the profile's choice.
 */
export const stackProfiles = ['default', 'ha'] as const;
export type StackProfile = (typeof stackProfiles)[number];

const roles = [
  {
    appId: APP_IDS.actors,
    entry: 'host/actor-host/main.ts',
    description: 'TaskActor and UserActor host',
    // One host keeps `npm start` light on a laptop; the HA profile runs what a cluster runs.
    replicas: { default: 1, ha: 3 },
  },
  {
    appId: APP_IDS.projector,
    entry: 'host/projector/main.ts',
    description: 'task_view read model',
    replicas: { default: 1, ha: 2 },
  },
  {
    appId: APP_IDS.audit,
    entry: 'host/audit/main.ts',
    description: 'audit log',
    replicas: { default: 1, ha: 2 },
  },
  {
    appId: APP_IDS.notifier,
    entry: 'host/notifier/main.ts',
    description: 'reminder e-mails',
    replicas: { default: 2, ha: 2 },
  },
  {
    appId: APP_IDS.realtime,
    entry: 'realtime/main.ts',
    description: 'Socket.IO',
    replicas: { default: 2, ha: 2 },
  },
  {
    appId: APP_IDS.gateway,
    entry: 'gateway/main.ts',
    description: 'REST API and web page',
    replicas: { default: 1, ha: 2 },
  },
] as const;

export type { AppId };
/** A lone replica is named after its app; replicas of an app that runs several are numbered. */
export type AppName = AppId | `${AppId}-${ReplicaNumber}`;
/** One machine runs at most nine of an app: a finite set keeps `Record<AppName, …>` exact. */
type ReplicaNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
const maxReplicas = 9;

export interface AppDefinition {
  name: AppName;
  appId: AppId;
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
}

/** What may be chosen apart from the profile: the actor hosts, to measure how the tier scales. */
export interface ReplicaOverrides {
  /** Actor host replicas (each with its sidecar), instead of the profile's count. */
  actorHosts?: number;
}

/** The replicas a profile runs, in start order (the gateway last: it calls everyone else). */
export function appsFor(profile: StackProfile, overrides: ReplicaOverrides = {}): AppDefinition[] {
  const { actorHosts } = overrides;
  if (
    actorHosts !== undefined &&
    !(Number.isInteger(actorHosts) && actorHosts >= 1 && actorHosts <= maxReplicas)
  ) {
    throw new Error(
      `actor hosts must be a whole number from 1 to ${maxReplicas}, not ${actorHosts}`,
    );
  }
  return roles.flatMap((role) => {
    const count =
      role.appId === APP_IDS.actors && actorHosts !== undefined
        ? actorHosts
        : role.replicas[profile];
    return Array.from({ length: count }, (_, index) => ({
      name: (count === 1 ? role.appId : `${role.appId}-${index + 1}`) as AppName,
      appId: role.appId,
      entry: role.entry,
      description: count === 1 ? role.description : `${role.description}, replica ${index + 1}`,
    }));
  });
}

/** The infrastructure replicas a profile runs: HA means quorums that survive losing one. */
export function controlPlaneSize(profile: StackProfile): {
  placement: number;
  scheduler: number;
  kafkaBrokers: number;
} {
  return profile === 'ha'
    ? { placement: 3, scheduler: 3, kafkaBrokers: 3 }
    : { placement: 1, scheduler: 1, kafkaBrokers: 1 };
}

export function parseProfile(value: string | undefined): StackProfile {
  const profile = value ?? 'default';
  if (!(stackProfiles as readonly string[]).includes(profile)) {
    throw new Error(`unknown profile ${profile}; known: ${stackProfiles.join(', ')}`);
  }
  return profile as StackProfile;
}

/** Process name of the i-th (0-based) member of a replicated infrastructure service. */
export function memberName(service: string, index: number, count: number): string {
  return count === 1 ? service : `${service}-${index + 1}`;
}
