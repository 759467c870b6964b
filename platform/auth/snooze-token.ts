import { signPurposeToken, verifyPurposeToken, type TokenPurpose } from './purpose-token.ts';

/** A mail a week old is not read for its reminder any more. */
export const SNOOZE_TOKEN_SECONDS = 7 * 24 * 60 * 60;

export class InvalidSnoozeTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'snooze link expired' : 'invalid snooze link');
  }
}

/** The token of a reminder mail's snooze links. */
const purpose: TokenPurpose = {
  audience: 'todo-chatbot-reminder-snooze',
  keyLabel: 'todo-chatbot reminder snooze v1',
  seconds: SNOOZE_TOKEN_SECONDS,
  refuse: (reason) => new InvalidSnoozeTokenError(reason),
};

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
  const { userId, taskId, reminderId, firing } = claims;
  return signPurposeToken(
    jwtSecret,
    purpose,
    userId,
    { tid: taskId, rid: reminderId, fir: firing },
    now,
  );
}

export async function verifySnoozeToken(
  jwtSecret: string,
  token: string,
  now = new Date(),
): Promise<SnoozeClaims> {
  const { subject, claims } = await verifyPurposeToken(
    jwtSecret,
    purpose,
    token,
    ['tid', 'rid', 'fir'],
    now,
  );
  return { userId: subject, taskId: claims.tid, reminderId: claims.rid, firing: claims.fir };
}
