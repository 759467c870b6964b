import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkJwtSecret } from '../platform/auth/jwt-secret.ts';
import { loadOrCreateGeneratedSecrets } from './secrets.ts';

describe('the local stack secrets', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('generates a JWT secret the apps accept (32 bytes and more)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-secrets-'));
    dirs.push(dir);
    const secret = loadOrCreateGeneratedSecrets(dir)['jwt-secret'];
    expect(() => checkJwtSecret(secret)).not.toThrow();
  });
});
