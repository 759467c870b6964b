import { createHmac } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { TOKEN_ISSUER } from './tokens.ts';

/**
 * The token of a reminder mail's snooze links. Its own audience and key (derived from the JWT
 * secret for this one purpose), so it is never an access or verification token, nor they one.
 */
const AUDIENCE = 'todo-chatbot-reminder-snooze';
/** A mail a week old is not read for its reminder any more. */
export const SNOOZE_TOKEN_SECONDS = 7 * 24 * 60 * 60;

const key = (jwtSecret: string) =>
  createHmac('sha256', jwtSecret).update('todo-chatbot reminder snooze v1').digest();

/** Which firing of which reminder of whose task the link may snooze. */
export interface SnoozeClaims {
  userId: string;
  taskId: string;
  reminderId: string;
  /** The reminder's `fired_at` when the mail went out: a later firing is not this link's. */
  firing: string;
}

export function signSnoozeToken(
  jwtSecret: string,
  claims: SnoozeClaims,
  now = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ tid: claims.taskId, rid: claims.reminderId, fir: claims.firing })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + SNOOZE_TOKEN_SECONDS)
    .sign(key(jwtSecret));
}

export class InvalidSnoozeTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'snooze link expired' : 'invalid snooze link');
  }
}

export async function verifySnoozeToken(
  jwtSecret: string,
  token: string,
  now = new Date(),
): Promise<SnoozeClaims> {
  try {
    const { payload } = await jwtVerify(token, key(jwtSecret), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'tid', 'rid', 'fir'],
      currentDate: now,
    });
    const { sub, tid, rid, fir } = payload;
    if (!sub || typeof tid !== 'string' || typeof rid !== 'string' || typeof fir !== 'string')
      throw new Error('claims missing');
    return { userId: sub, taskId: tid, reminderId: rid, firing: fir };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new InvalidSnoozeTokenError('expired');
    throw new InvalidSnoozeTokenError('invalid');
  }
}
