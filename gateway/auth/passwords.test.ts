import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  currentParams,
  decoyHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './passwords.ts';

/** A hash as the gateway stored it before N was raised to 2^17. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('Correct horse battery staple', stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('treats equivalent unicode spellings as the same password', async () => {
    const stored = await hashPassword('caf\u00e9');
    await expect(verifyPassword('cafe\u0301', stored)).resolves.toBe(true);
  });

  it('rejects a malformed stored hash', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$abc$8$1$c2FsdA$aGFzaA')).resolves.toBe(false);
  });

  it('still verifies hashes made with the old parameters (N = 2^15)', async () => {
    const stored = legacyHash('analytical engine');
    await expect(verifyPassword('analytical engine', stored)).resolves.toBe(true);
    await expect(verifyPassword('difference engine', stored)).resolves.toBe(false);
  });

  it('asks for a re-hash of old or unreadable hashes only', async () => {
    expect(currentParams).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(needsRehash(legacyHash('analytical engine'))).toBe(true);
    expect(needsRehash('plain-text')).toBe(true);
    expect(needsRehash(await hashPassword('analytical engine'))).toBe(false);
    expect(needsRehash(decoyHash)).toBe(false);
  });

  it('queues hashes beyond the concurrent limit and finishes every one', async () => {
    const stored = await Promise.all(Array.from({ length: 6 }, () => hashPassword('parallel')));
    expect(new Set(stored).size).toBe(6);
    // Six deliberately slow hashes: on a busy machine they outlast vitest's 5 s default.
  }, 60_000);
});
