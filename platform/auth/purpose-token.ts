import { createHmac } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { TOKEN_ISSUER } from './tokens.ts';

/**
 * A token for one purpose (a verification link, a snooze link): its own audience and its own key
 * derived from the JWT secret — one secret to manage, one key per purpose — so no token of one
 * purpose, access tokens included, is ever accepted for another.
 */
export interface TokenPurpose {
  audience: string;
  /** What the key is derived with; changing it invalidates every token of the purpose. */
  keyLabel: string;
  seconds: number;
  /** The purpose's own error for a token that is expired or otherwise not valid. */
  refuse: (reason: 'expired' | 'invalid') => Error;
}

const key = (jwtSecret: string, purpose: TokenPurpose) =>
  createHmac('sha256', jwtSecret).update(purpose.keyLabel).digest();

/** Signs `claims` about `subject` for the purpose, valid for the purpose's lifetime. */
export function signPurposeToken(
  jwtSecret: string,
  purpose: TokenPurpose,
  subject: string,
  claims: Record<string, string>,
  now: Date,
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(purpose.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + purpose.seconds)
    .sign(key(jwtSecret, purpose));
}

/** The subject and the named string claims of a valid token, or the purpose's refusal. */
export async function verifyPurposeToken<N extends string>(
  jwtSecret: string,
  purpose: TokenPurpose,
  token: string,
  names: readonly N[],
  now: Date,
): Promise<{ subject: string; claims: Record<N, string> }> {
  try {
    const { payload } = await jwtVerify(token, key(jwtSecret, purpose), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: purpose.audience,
      requiredClaims: ['sub', 'exp', ...names],
      currentDate: now,
    });
    const claims = Object.fromEntries(names.map((name) => [name, payload[name]]));
    if (!payload.sub || Object.values(claims).some((value) => typeof value !== 'string'))
      throw new Error('claims missing');
    return { subject: payload.sub, claims: claims as Record<N, string> };
  } catch (error) {
    throw purpose.refuse(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
  }
}
