import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export const TOKEN_ISSUER = 'todo-chatbot';
export const TOKEN_AUDIENCE = 'todo-chatbot-api';

const key = (secret: string) => new TextEncoder().encode(secret);

/**
 * The secret as a WebCrypto key, imported once per secret: given raw bytes, jose imports them
 * again on every verification (a visible share of the gateway's CPU per request).
 */
const verifyingKeys = new Map<string, Promise<webcrypto.CryptoKey>>();
const verifyingKey = (secret: string): Promise<webcrypto.CryptoKey> => {
  let imported = verifyingKeys.get(secret);
  if (!imported) {
    imported = webcrypto.subtle.importKey(
      'raw',
      key(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    // A process knows one secret, two during a rotation: the map stays tiny.
    if (verifyingKeys.size >= 4) verifyingKeys.clear();
    verifyingKeys.set(secret, imported);
  }
  return imported;
};

export interface AccessTokenClaims {
  userId: string;
}

export async function signAccessToken(
  secret: string,
  userId: string,
  expiresIn = '15m',
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'token expired' : 'invalid token');
  }
}

/**
 * Verifies signature, issuer, audience and expiry. Only HS256 is accepted, so `alg: none` and
 * algorithm-confusion tokens fail before any claim is read.
 */
export async function verifyAccessToken(secret: string, token: string): Promise<AccessTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, await verifyingKey(secret), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    });
    if (!payload.sub) throw new InvalidTokenError('invalid');
    return { userId: payload.sub };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('expired');
    throw new InvalidTokenError('invalid');
  }
}
