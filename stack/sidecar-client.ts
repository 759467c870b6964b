import { DaprClientHttp } from '../platform/dapr.ts';
import type { AppName } from './apps.ts';
import type { StackInfo } from './supervisor.ts';

/**
 * A client of one replica's sidecar with that app's API token, for tests, benchmarks and chaos
 * runs that act as the app would (publish as the actor host, read a sidecar's metadata).
 */
export function sidecarClient(
  info: Pick<StackInfo, 'apps' | 'mesh'>,
  name: AppName,
): DaprClientHttp {
  const endpoints = info.apps[name];
  return new DaprClientHttp('127.0.0.1', endpoints.daprHttpPort, {
    apiToken: info.mesh.tokens[endpoints.appId].dapr,
  });
}
