import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { Router } from 'express';
import { loginInputSchema, refreshInputSchema, signupInputSchema } from '../../schemas/auth.ts';
import { ActorClient } from '../actor-client.ts';
import type { Accounts } from '../auth/accounts.ts';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { ApiError } from '../errors.ts';
import type { UserActorClient } from '../user-actor-client.ts';

const invalidCredentials = () =>
  new ApiError(401, 'invalid_credentials', 'e-mail or password is wrong');

/** Sign-up, log-in and token refresh: the only routes reachable without a token. */
export function authRouter(accounts: Accounts, users: UserActorClient): Router {
  const router = Router();

  router.post('/signup', async (request, response) => {
    const input = signupInputSchema.parse(request.body ?? {});
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
    if (!account)
      throw new ApiError(409, 'email_taken', 'an account with this e-mail exists', [
        { path: 'email', message: 'already registered' },
      ]);
    response.status(201).json(await accounts.issueSession(account));
  });

  router.post('/login', async (request, response) => {
    const input = loginInputSchema.parse(request.body ?? {});
    const account = await accounts.findByEmail(input.email);
    const valid = await verifyPassword(input.password, account?.password_hash ?? decoyHash);
    if (!account || !valid) throw invalidCredentials();
    response.json(await accounts.issueSession(account));
  });

  router.post('/refresh', async (request, response) => {
    const input = refreshInputSchema.parse(request.body ?? {});
    const session = await accounts.refresh(input.refresh_token);
    if (!session)
      throw new ApiError(
        401,
        'invalid_refresh_token',
        'the refresh token is unknown, used or expired',
      );
    response.json(session);
  });

  return rejectOtherMethods(router);
}
