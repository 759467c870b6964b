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
