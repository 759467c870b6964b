import { AssertionRefused, type ActorTarget, type AssertionClaims } from './caller-assertion.ts';

/**
 * What each signer may ask of the actors: least privilege per service identity. The gateway
 * speaks for the people it authenticated; the notifier reads what a reminder mail needs; the
 * actor host calls its own actors (the next occurrence of a series, finishing a crashed turn's
 * effects, a task asking for its owner's time zone). A method not listed for a signer is refused.
 */
export const callerPolicy: Record<string, readonly string[]> = {
  'todo-gateway': [
    'TaskActor.create',
    'TaskActor.get',
    'TaskActor.update',
    'TaskActor.complete',
    'TaskActor.reopen',
    'TaskActor.delete',
    'TaskActor.skip',
    'TaskActor.inspect',
    'TaskActor.occurrences',
    'TaskActor.snoozeReminder',
    'TaskActor.operatorInspect',
    'UserActor.getProfile',
    'UserActor.updateProfile',
    'UserActor.confirmEmail',
    'UserActor.operatorInspect',
  ],
  'todo-notifier': ['TaskActor.get', 'UserActor.getProfile'],
  'todo-actors': [
    'TaskActor.createOccurrence',
    'TaskActor.update',
    'TaskActor.delete',
    'TaskActor.settle',
    'UserActor.getProfile',
  ],
};

/** The user ids a call body claims to act for (`caller`, or `operator` for the operator view). */
function claimedUsers(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null) return [];
  const record = body as Record<string, unknown>;
  return ['caller', 'operator']
    .map((field) => record[field])
    .filter((party): party is Record<string, unknown> => typeof party === 'object' && !!party)
    .map((party) => party.user_id);
}

/**
 * Throws AssertionRefused unless the signer may call this method and every user the body names
 * is the one the signer vouched for.
 */
export function authorizeCall(claims: AssertionClaims, target: ActorTarget, body: unknown): void {
  const allowed = callerPolicy[claims.iss] ?? [];
  if (!allowed.includes(`${target.actorType}.${target.method}`)) {
    throw new AssertionRefused('not_permitted', claims.iss);
  }
  for (const userId of claimedUsers(body)) {
    if (userId !== claims.sub) throw new AssertionRefused('wrong_user', claims.iss);
  }
}

/** The subject a signer vouches for: the user the call body names, if any. */
export function subjectOf(body: unknown): string | undefined {
  const [userId] = claimedUsers(body);
  return typeof userId === 'string' ? userId : undefined;
}
