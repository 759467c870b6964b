import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { APP_IDS } from '../platform/app-ids.ts';
import type { AppId } from './apps.ts';
import { componentsDir, repoRoot } from './paths.ts';
import { writePrivateFile } from './private-file.ts';

/**
 * The local stack's mesh, locked down as on Kubernetes (docs/SECURITY.md, "The mesh"):
 * - every sidecar answers only with its app's API token, and every app answers its sidecar's
 *   paths only with the app token (one pair per app id: one app's token opens nothing else);
 * - the gateway, the notifier and the actor host sign actor calls with their own Ed25519 key,
 *   and the actor host trusts only those public keys;
 * - each app's Dapr configuration denies service invocation to everyone and lets it read only
 *   the secrets it uses.
 * Tokens and keys are made once per run dir and kept, like the generated secrets.
 */
export const signerApps = [APP_IDS.gateway, APP_IDS.notifier, APP_IDS.actors] as const;
type Signer = (typeof signerApps)[number];

/**
 * The secrets each app reads from the store through its sidecar (platform/secrets.ts): the
 * chart's `components.<c>.secrets`, so that the local stack and a cluster grant one list.
 */
export const secretsReadBy: Record<AppId, readonly string[]> = Object.fromEntries(
  Object.values(
    z
      .object({
        components: z.record(
          z.string(),
          z.object({ appId: z.string(), secrets: z.array(z.string()) }),
        ),
      })
      .parse(parse(readFileSync(join(repoRoot, 'charts', 'todo-chatbot', 'values.yaml'), 'utf8')))
      .components,
  ).map((component) => [component.appId, component.secrets]),
) as unknown as Record<AppId, readonly string[]>; // every app id: tests/deploy/local-mesh.test.ts

const tokenPairSchema = z.object({ dapr: z.string().min(16), app: z.string().min(16) });
const keyPairSchema = z.object({ privateKey: z.string(), publicKey: z.string() });
const meshSchema = z.object({
  tokens: z.record(z.string(), tokenPairSchema),
  callerKeys: z.record(z.string(), keyPairSchema),
});
export type MeshIdentities = {
  /** Per app id: the sidecar's API token and the app token. */
  tokens: Record<AppId, z.infer<typeof tokenPairSchema>>;
  /** Per signing app id: its caller-assertion key pair (PEM). */
  callerKeys: Record<Signer, z.infer<typeof keyPairSchema>>;
};

export const meshFile = (runDir: string): string => join(runDir, 'mesh.json');

const token = () => randomBytes(32).toString('base64url');

function keyPair(): z.infer<typeof keyPairSchema> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The run dir's tokens and keys, made for the apps that lack them and kept for the others. */
export function loadOrCreateMesh(runDir: string, appIds: readonly AppId[]): MeshIdentities {
  const file = meshFile(runDir);
  const existing = existsSync(file)
    ? meshSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    : undefined;
  const kept = existing?.success ? existing.data : { tokens: {}, callerKeys: {} };
  const mesh = {
    tokens: Object.fromEntries(
      appIds.map((appId) => [appId, kept.tokens[appId] ?? { dapr: token(), app: token() }]),
    ),
    callerKeys: Object.fromEntries(
      signerApps.map((signer) => [signer, kept.callerKeys[signer] ?? keyPair()]),
    ),
  } as MeshIdentities;
  writePrivateFile(file, `${JSON.stringify(mesh, null, 2)}\n`);
  return mesh;
}

/** What an app's process gets besides its ports: its tokens, and its key or the trusted keys. */
export function meshEnv(mesh: MeshIdentities, appId: AppId): Record<string, string> {
  const env: Record<string, string> = {
    DAPR_API_TOKEN: mesh.tokens[appId].dapr,
    APP_API_TOKEN: mesh.tokens[appId].app,
  };
  if ((signerApps as readonly string[]).includes(appId)) {
    env.SECRET_CALLER_SIGNING_KEY = mesh.callerKeys[appId as Signer].privateKey;
  }
  if (appId === APP_IDS.actors) {
    env.CALLER_TRUSTED_KEYS = JSON.stringify(
      Object.fromEntries(signerApps.map((signer) => [signer, mesh.callerKeys[signer].publicKey])),
    );
  }
  return env;
}

/** What the app's sidecar gets: the same two tokens (daprd reads both from its environment). */
export const sidecarEnv = (mesh: MeshIdentities, appId: AppId): Record<string, string> => ({
  DAPR_API_TOKEN: mesh.tokens[appId].dapr,
  APP_API_TOKEN: mesh.tokens[appId].app,
});

/**
 * One Dapr Configuration per app id: the shared one (dapr-components/local/config.yaml) plus
 * service invocation denied to every caller — no app calls another's endpoints; actors are
 * called through the actor API, which the caller assertions guard — and the secret store
 * readable only for the app's own secrets.
 */
export function appDaprConfiguration(base: unknown, appId: AppId): unknown {
  const configuration = structuredClone(base) as {
    metadata: { name: string };
    spec: Record<string, unknown>;
  };
  configuration.metadata.name = `todo-config-${appId}`;
  configuration.spec.accessControl = { defaultAction: 'deny', trustDomain: 'public', policies: [] };
  configuration.spec.secrets = {
    scopes: [
      {
        storeName: 'local-secrets',
        defaultAccess: 'deny',
        allowedSecrets: [...secretsReadBy[appId]],
      },
    ],
  };
  return configuration;
}

/** Writes every app's configuration into the run dir; returns the file of each app id. */
export function writeAppDaprConfigurations(
  runDir: string,
  appIds: readonly AppId[],
): Record<AppId, string> {
  const dir = join(runDir, 'dapr');
  mkdirSync(dir, { recursive: true });
  const base: unknown = parse(readFileSync(join(componentsDir, 'config.yaml'), 'utf8'));
  return Object.fromEntries(
    appIds.map((appId) => {
      const file = join(dir, `config-${appId}.yaml`);
      writeFileSync(file, stringify(appDaprConfiguration(base, appId)));
      return [appId, file];
    }),
  ) as Record<AppId, string>;
}
