import { describe, expect, it } from 'vitest';
import { signVerificationToken } from './email-verification-token.ts';
import { InvalidSnoozeTokenError, signSnoozeToken, verifySnoozeToken } from './snooze-token.ts';
import { signAccessToken } from './tokens.ts';

const secret = 'a-test-secret-of-enough-length-000000';
const claims = {
  userId: 'u1',
  taskId: '0b6f7a4e-3f0a-4c55-9a8e-2d7a4f1c9e11',
  reminderId: 'offset:-PT1H',
  firing: '2026-12-01T08:00:01.000Z',
};

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof InvalidSnoozeTokenError ? error.reason : error),
  );

describe('snooze tokens', () => {
  it('round-trip user, task, reminder and firing', async () => {
    const token = await signSnoozeToken(secret, claims);
    expect(await verifySnoozeToken(secret, token)).toEqual(claims);
  });

  it('expire after 7 days', async () => {
    const issued = new Date('2026-01-01T00:00:00Z');
    const token = await signSnoozeToken(secret, claims, issued);
    const week = 7 * 24 * 3600_000;
    expect(
      await verifySnoozeToken(secret, token, new Date(issued.getTime() + week - 60_000)),
    ).toEqual(claims);
    expect(
      await reasonOf(verifySnoozeToken(secret, token, new Date(issued.getTime() + week + 60_000))),
    ).toBe('expired');
  });

  it('refuse another secret, a tampered token, an access and a verification token', async () => {
    const token = await signSnoozeToken(secret, claims);
    expect(await reasonOf(verifySnoozeToken('another-secret-of-enough-length-0000', token))).toBe(
      'invalid',
    );
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...claims, sub: 'u2', tid: claims.taskId, rid: 'x', fir: 'y', exp: 9e9 }),
    ).toString('base64url');
    expect(await reasonOf(verifySnoozeToken(secret, `${header}.${forged}.${signature}`))).toBe(
      'invalid',
    );
    expect(await reasonOf(verifySnoozeToken(secret, await signAccessToken(secret, 'u1')))).toBe(
      'invalid',
    );
    const verification = await signVerificationToken(secret, {
      userId: 'u1',
      email: 'ada@example.test',
    });
    expect(await reasonOf(verifySnoozeToken(secret, verification))).toBe('invalid');
    expect(await reasonOf(verifySnoozeToken(secret, 'not a token'))).toBe('invalid');
  });
});
