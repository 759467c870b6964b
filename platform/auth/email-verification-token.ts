import { signPurposeToken, verifyPurposeToken, type TokenPurpose } from './purpose-token.ts';

export const VERIFICATION_TOKEN_SECONDS = 24 * 60 * 60;

export class InvalidVerificationTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'verification link expired' : 'invalid verification link');
  }
}

const purpose: TokenPurpose = {
  audience: 'todo-chatbot-email-verification',
  keyLabel: 'todo-chatbot email verification v1',
  seconds: VERIFICATION_TOKEN_SECONDS,
  refuse: (reason) => new InvalidVerificationTokenError(reason),
};

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
  return signPurposeToken(jwtSecret, purpose, claims.userId, { email: claims.email }, now);
}

export async function verifyVerificationToken(
  jwtSecret: string,
  token: string,
  now = new Date(),
): Promise<VerificationClaims> {
  const { subject, claims } = await verifyPurposeToken(jwtSecret, purpose, token, ['email'], now);
  return { userId: subject, email: claims.email };
}
