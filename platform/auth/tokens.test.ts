import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  InvalidTokenError,
  signAccessToken,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  verifyAccessToken,
} from './tokens.ts';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';

describe('access tokens', () => {
  it('round-trips the user id', async () => {
    const token = await signAccessToken(secret, 'user-1');
    await expect(verifyAccessToken(secret, token)).resolves.toEqual({ userId: 'user-1' });
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signAccessToken('another-secret-another-secret-another', 'user-1');
    await expect(verifyAccessToken(secret, token)).rejects.toEqual(
      new InvalidTokenError('invalid'),
    );
  });

  it('rejects an expired token as expired', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    await expect(verifyAccessToken(secret, token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('rejects alg none', async () => {
    const token = new UnsecuredJWT({ sub: 'user-1' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    await expect(verifyAccessToken(secret, token)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = (await signAccessToken(secret, 'user-1')).split('.');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'admin', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: 4102444800 }),
    ).toString('base64url');
    await expect(
      verifyAccessToken(secret, `${header}.${payload}.${signature}`),
    ).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('rejects a token for another audience', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience('someone-else')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    await expect(verifyAccessToken(secret, token)).rejects.toMatchObject({ reason: 'invalid' });
  });
});
