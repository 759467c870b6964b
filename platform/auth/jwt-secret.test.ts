import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkJwtSecret, MIN_JWT_SECRET_BYTES, WeakJwtSecretError } from './jwt-secret.ts';

describe('the JWT secret', () => {
  it('accepts 32 bytes and more', () => {
    const secret = randomBytes(32).toString('base64url');
    expect(checkJwtSecret(secret)).toBe(secret);
    expect(checkJwtSecret('x'.repeat(MIN_JWT_SECRET_BYTES))).toHaveLength(32);
  });

  it.each([
    ['empty', ''],
    ['31 bytes', 'x'.repeat(31)],
    ['a word', 'hunter2'],
  ])('refuses %s, naming the secret and the minimum but not the value', (_name, secret) => {
    expect(() => checkJwtSecret(secret)).toThrow(WeakJwtSecretError);
    expect(() => checkJwtSecret(secret)).toThrow(/jwt-secret has \d+ bytes, at least 32/);
    if (secret) expect(() => checkJwtSecret(secret)).not.toThrow(secret);
  });

  it('counts bytes, not characters', () => {
    expect(() => checkJwtSecret('é'.repeat(16))).not.toThrow();
    expect(() => checkJwtSecret('é'.repeat(15))).toThrow(WeakJwtSecretError);
  });
});

describe('a process starting with a short secret', () => {
  it('prints why and exits non-zero, without the secret', () => {
    const module = new URL('./jwt-secret.ts', import.meta.url).pathname;
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { requireJwtSecret } = await import(${JSON.stringify(module)}); requireJwtSecret('hunter2'); console.log('started');`,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Refusing to start: the secret jwt-secret has 7 bytes');
    expect(run.stdout + run.stderr).not.toContain('hunter2');
    expect(run.stdout).not.toContain('started');
  });
});
