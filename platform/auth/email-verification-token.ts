import { createHmac } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { TOKEN_ISSUER } from './tokens.ts';

/** Its own audience and key, so that no access token is ever a verification token or back. */
const AUDIENCE = 'todo-chatbot-email-verification';
export const VERIFICATION_TOKEN_SECONDS = 24 * 60 * 60;

/** A key derived from the JWT secret for this one purpose: one secret to manage, two keys. */
const key = (jwtSecret: string) =>
  createHmac('sha256', jwtSecret).update('todo-chatbot email verification v1').digest();

export interface VerificationClaims {
  userId: string;
  email: string;
}

/** Signs "this link was mailed to `email` for `userId`", valid for 24 hours. */
export function signVerificationToken(
  jwtSecret: string,
  claims: VerificationClaims,
  now = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ email: claims.email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + VERIFICATION_TOKEN_SECONDS)
    .sign(key(jwtSecret));
}

export class InvalidVerificationTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'verification link expired' : 'invalid verification link');
  }
}

export async function verifyVerificationToken(
  jwtSecret: string,
  token: string,
  now = new Date(),
): Promise<VerificationClaims> {
  try {
    const { payload } = await jwtVerify(token, key(jwtSecret), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'email'],
      currentDate: now,
    });
    if (!payload.sub || typeof payload.email !== 'string') throw new Error('claims missing');
    return { userId: payload.sub, email: payload.email };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new InvalidVerificationTokenError('expired');
    throw new InvalidVerificationTokenError('invalid');
  }
}
