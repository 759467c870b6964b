import { OPERATOR_INSPECT_METHOD } from '../../schemas/operator.ts';
import { TASK_ACTOR_TYPE, type TaskActorMethod } from '../../schemas/task-actor.ts';
import { USER_ACTOR_TYPE, type UserActorMethod } from '../../schemas/user.ts';
import { APP_IDS } from '../app-ids.ts';
import { AssertionRefused, type ActorTarget, type AssertionClaims } from './caller-assertion.ts';

const task = (...methods: (TaskActorMethod | typeof OPERATOR_INSPECT_METHOD)[]) =>
  methods.map((method) => `${TASK_ACTOR_TYPE}.${method}`);
const user = (...methods: (UserActorMethod | typeof OPERATOR_INSPECT_METHOD)[]) =>
  methods.map((method) => `${USER_ACTOR_TYPE}.${method}`);

/**
 * What each signer may ask of the actors: least privilege per service identity. The gateway
 * speaks for the people it authenticated; the notifier reads what a reminder mail needs; the
 * actor host calls its own actors (the next occurrence of a series, finishing a crashed turn's
 * effects, a task asking for its owner's time zone). A method not listed for a signer is refused.
 */
export const callerPolicy: Record<string, readonly string[]> = {
  [APP_IDS.gateway]: [
    ...task(
      'create',
      'get',
      'update',
      'complete',
      'reopen',
      'delete',
      'skip',
      'inspect',
      'occurrences',
      'snoozeReminder',
      OPERATOR_INSPECT_METHOD,
    ),
    ...user('getProfile', 'updateProfile', 'confirmEmail', OPERATOR_INSPECT_METHOD),
  ],
  [APP_IDS.notifier]: [...task('get'), ...user('getProfile')],
  [APP_IDS.actors]: [
    ...task('createOccurrence', 'update', 'delete', 'settle'),
    ...user('getProfile'),
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
