import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  appDaprConfiguration,
  loadOrCreateMesh,
  meshEnv,
  meshFile,
  secretsReadBy,
  sidecarEnv,
  signerApps,
  writeAppDaprConfigurations,
} from './mesh.ts';

const appIds = [
  'todo-gateway',
  'todo-realtime',
  'todo-actors',
  'todo-projector',
  'todo-audit',
  'todo-notifier',
] as const;

describe('the local mesh identities', () => {
  it('are made once per run dir, kept, private, and one token pair per app', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'mesh-'));
    const first = loadOrCreateMesh(runDir, appIds);
    const again = loadOrCreateMesh(runDir, appIds);
    expect(again).toEqual(first);
    expect(statSync(meshFile(runDir)).mode & 0o077).toBe(0);
    const tokens = appIds.flatMap((appId) => [first.tokens[appId].dapr, first.tokens[appId].app]);
    expect(new Set(tokens).size).toBe(appIds.length * 2);
    for (const signer of signerApps) {
      expect(createPrivateKey(first.callerKeys[signer].privateKey).asymmetricKeyType).toBe(
        'ed25519',
      );
    }
  });

  it('give a signing key only to signers and the trusted public keys only to the actor host', () => {
    const mesh = loadOrCreateMesh(mkdtempSync(join(tmpdir(), 'mesh-')), appIds);
    for (const appId of appIds) {
      const env = meshEnv(mesh, appId);
      expect(env.DAPR_API_TOKEN).toBe(mesh.tokens[appId].dapr);
      expect(env.APP_API_TOKEN).toBe(mesh.tokens[appId].app);
      expect(sidecarEnv(mesh, appId)).toEqual({
        DAPR_API_TOKEN: mesh.tokens[appId].dapr,
        APP_API_TOKEN: mesh.tokens[appId].app,
      });
      expect('SECRET_CALLER_SIGNING_KEY' in env).toBe(
        (signerApps as readonly string[]).includes(appId),
      );
      expect('CALLER_TRUSTED_KEYS' in env).toBe(appId === 'todo-actors');
    }
    const trusted = JSON.parse(meshEnv(mesh, 'todo-actors').CALLER_TRUSTED_KEYS!) as Record<
      string,
      string
    >;
    expect(Object.keys(trusted).sort()).toEqual([...signerApps].sort());
    for (const pem of Object.values(trusted)) {
      expect(createPublicKey(pem).asymmetricKeyType).toBe('ed25519');
      expect(pem).not.toContain('PRIVATE');
    }
  });
});

describe('the Dapr configuration of each app', () => {
  it('denies service invocation and every secret the app does not read', () => {
    const base = {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Configuration',
      metadata: { name: 'x' },
      spec: {},
    };
    const configuration = appDaprConfiguration(base, 'todo-realtime') as {
      metadata: { name: string };
      spec: { accessControl: unknown; secrets: unknown };
    };
    expect(configuration.metadata.name).toBe('todo-config-todo-realtime');
    expect(configuration.spec.accessControl).toEqual({
      defaultAction: 'deny',
      trustDomain: 'public',
      policies: [],
    });
    expect(configuration.spec.secrets).toEqual({
      scopes: [
        {
          storeName: 'local-secrets',
          defaultAccess: 'deny',
          allowedSecrets: ['jwt-secret', 'redis-url'],
        },
      ],
    });
    expect(base.spec).toEqual({});
  });

  it('is written per app from the shared local configuration', () => {
    const files = writeAppDaprConfigurations(mkdtempSync(join(tmpdir(), 'mesh-')), appIds);
    for (const appId of appIds) {
      const written = parse(readFileSync(files[appId], 'utf8')) as {
        spec: { tracing: unknown; secrets: { scopes: { allowedSecrets: string[] }[] } };
      };
      expect(written.spec.tracing).toBeDefined();
      expect(written.spec.secrets.scopes[0]!.allowedSecrets).toEqual([...secretsReadBy[appId]]);
    }
  });
});
