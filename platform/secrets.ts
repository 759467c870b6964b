import type { DaprClientHttp } from './dapr.ts';

/** `postgres-url` → `SECRET_POSTGRES_URL`. */
export const secretEnvName = (name: string): string =>
  `SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/**
 * Reads secrets from the environment when the platform injected them there (a Kubernetes Secret
 * mounted as env), otherwise from the Dapr secret store. Values are never logged.
 */
export async function readSecrets<N extends string>(
  dapr: DaprClientHttp,
  store: string,
  names: readonly N[],
): Promise<Record<N, string>> {
  const values = await Promise.all(
    names.map((name) => process.env[secretEnvName(name)] ?? dapr.getSecret(store, name)),
  );
  return Object.fromEntries(names.map((name, index) => [name, values[index]!])) as Record<
    N,
    string
  >;
}
