import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { Router, type RequestHandler } from 'express';
import {
  loginInputSchema,
  logoutInputSchema,
  refreshInputSchema,
  signupInputSchema,
} from '../../schemas/auth.ts';
import { ActorClient } from '../actor-client.ts';
import type { Accounts } from '../auth/accounts.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts';
import { ApiError } from '../errors.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { UserActorClient } from '../user-actor-client.ts';

const invalidCredentials = () =>
  new ApiError(401, 'invalid_credentials', 'e-mail or password is wrong');
const emailTaken = () =>
  new ApiError(409, 'email_taken', 'an account with this e-mail exists', [
    { path: 'email', message: 'already registered' },
  ]);

export interface AuthRouterDependencies {
  accounts: Accounts;
  users: UserActorClient;
  throttle: LoginThrottle;
  /** Requires an access token (log-out everywhere). */
  authenticate: RequestHandler;
  /** Per-address limits, each route group counted in its own bucket. */
  limits: { signup: RequestHandler; login: RequestHandler; refresh: RequestHandler };
}

/** Sign-up, log-in, refresh and log-out: the routes that create and end sessions. */
export function authRouter({
  accounts,
  users,
  throttle,
  authenticate,
  limits,
}: AuthRouterDependencies): Router {
  const router = Router();

  router.post('/signup', limits.signup, async (request, response) => {
    const input = signupInputSchema.parse(request.body ?? {});
    // A taken e-mail is said so anyway (409): finding out first spares the password hash.
    if (await accounts.findByEmail(input.email)) throw emailTaken();
    const account = await accounts.create(
      input.email,
      await hashPassword(input.password),
      async (created) => {
        // The profile is written before the account commits: a failure leaves neither.
        await users.call(created.id, 'updateProfile', {
          caller: ActorClient.caller(created.id),
          patch: {
            email: input.email,
            display_name: input.display_name ?? input.email.split('@')[0]!,
            ...(input.time_zone ? { time_zone: input.time_zone } : {}),
          },
        });
      },
    );
    // Taken meanwhile, by a concurrent sign-up.
    if (!account) throw emailTaken();
    response.status(201).json(await accounts.issueSession(account));
  });

  router.post('/login', limits.login, async (request, response) => {
    const input = loginInputSchema.parse(request.body ?? {});
    // Before any hash: a locked account costs no scrypt, whatever password comes with it.
    await throttle.refuseIfLocked(input.email);
    const account = await accounts.findByEmail(input.email);
    const valid = await verifyPassword(input.password, account?.password_hash ?? decoyHash);
    if (!account || !valid) {
      await throttle.recordFailure(input.email);
      throw invalidCredentials();
    }
    await throttle.clear(input.email);
    if (needsRehash(account.password_hash))
      await accounts.setPasswordHash(
        account.id,
        await hashPassword(input.password),
        account.password_hash,
      );
    response.json(await accounts.issueSession(account));
  });

  router.post('/refresh', limits.refresh, async (request, response) => {
    const input = refreshInputSchema.parse(request.body ?? {});
    const session = await accounts.refresh(input.refresh_token);
    if (session === 'reused')
      throw new ApiError(
        401,
        'refresh_token_reused',
        'the refresh token was used before; its session has ended, log in again',
      );
    if (session === 'invalid')
      throw new ApiError(401, 'invalid_refresh_token', 'the refresh token is unknown or expired');
    response.json(session);
  });

  // Idempotent: an unknown or already ended session is as logged out as can be.
  router.post('/logout', limits.refresh, async (request, response) => {
    const input = logoutInputSchema.parse(request.body ?? {});
    await accounts.logout(input.refresh_token);
    response.status(204).end();
  });

  router.post('/logout-all', limits.refresh, authenticate, async (request, response) => {
    await accounts.logoutEverywhere(userOf(request));
    response.status(204).end();
  });

  return rejectOtherMethods(router);
}
