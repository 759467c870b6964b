import { describe, expect, it } from 'vitest';
import { signAccessToken } from './tokens.ts';
import {
  InvalidVerificationTokenError,
  signVerificationToken,
  verifyVerificationToken,
} from './email-verification-token.ts';

const secret = 'a-test-secret-of-enough-length-000000';
const claims = { userId: 'u1', email: 'ada@example.test' };

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof InvalidVerificationTokenError ? error.reason : error),
  );

describe('e-mail verification tokens', () => {
  it('round-trip the user and the address', async () => {
    const token = await signVerificationToken(secret, claims);
    expect(await verifyVerificationToken(secret, token)).toEqual(claims);
  });

  it('expire after 24 hours', async () => {
    const issued = new Date('2026-01-01T00:00:00Z');
    const token = await signVerificationToken(secret, claims, issued);
    const almost = new Date(issued.getTime() + 24 * 3600_000 - 60_000);
    expect(await verifyVerificationToken(secret, token, almost)).toEqual(claims);
    const after = new Date(issued.getTime() + 24 * 3600_000 + 60_000);
    expect(await reasonOf(verifyVerificationToken(secret, token, after))).toBe('expired');
  });

  it('refuse another secret, a tampered token and an access token', async () => {
    const token = await signVerificationToken(secret, claims);
    expect(await reasonOf(verifyVerificationToken('another-secret', token))).toBe('invalid');
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'u2', email: 'eve@example.test', exp: 9e9 }),
    ).toString('base64url');
    expect(
      await reasonOf(verifyVerificationToken(secret, `${header}.${forged}.${signature}`)),
    ).toBe('invalid');
    const access = await signAccessToken(secret, 'u1');
    expect(await reasonOf(verifyVerificationToken(secret, access))).toBe('invalid');
    expect(await reasonOf(verifyVerificationToken(secret, 'not a token'))).toBe('invalid');
  });
});
