import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { Router } from 'express';
import {
  InvalidVerificationTokenError,
  verifyVerificationToken,
} from '../../platform/auth/email-verification-token.ts';
import {
  loginInputSchema,
  refreshInputSchema,
  signupInputSchema,
  verifyEmailQuerySchema,
  type EmailVerificationState,
} from '../../schemas/auth.ts';
import { ActorClient } from '../actor-client.ts';
import type { Accounts } from '../auth/accounts.ts';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { requestVerificationMail } from '../auth/verification-mails.ts';
import { verificationPage } from '../auth/verification-page.ts';
import { ApiError } from '../errors.ts';
import type { UserActorClient } from '../user-actor-client.ts';

const invalidCredentials = () =>
  new ApiError(401, 'invalid_credentials', 'e-mail or password is wrong');

/**
 * Sign-up, log-in, token refresh and e-mail verification: the only routes reachable without an
 * access token (the verification link carries its own).
 */
export function authRouter(accounts: Accounts, users: UserActorClient, jwtSecret: string): Router {
  const router = Router();

  router.post('/signup', async (request, response) => {
    const input = signupInputSchema.parse(request.body ?? {});
    const account = await accounts.create(
      input.email,
      await hashPassword(input.password),
      async (created, trx) => {
        // The profile is written before the account commits: a failure leaves neither. The
        // verification mail is queued in the account's transaction: it goes out with it or never.
        await users.call(created.id, 'updateProfile', {
          caller: ActorClient.caller(created.id),
          patch: {
            email: input.email,
            display_name: input.display_name ?? input.email.split('@')[0]!,
            ...(input.time_zone ? { time_zone: input.time_zone } : {}),
          },
        });
        await requestVerificationMail(trx, created.id, input.email);
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

  // The link in a verification mail. A GET because that is what clicking a link does; the
  // token is single-purpose and the outcome idempotent, so a mail scanner opening it early does
  // no harm beyond confirming what the mail's reader would. A person gets a page; a program that
  // asks for JSON gets the profile's state or a problem with a stable code.
  router.get('/verify-email', async (request, response) => {
    const wantsJson = request.accepts(['html', 'json']) === 'json';
    try {
      const query = verifyEmailQuerySchema.safeParse(request.query);
      const claims = await (
        query.success
          ? verifyVerificationToken(jwtSecret, query.data.token)
          : Promise.reject(new InvalidVerificationTokenError('invalid'))
      ).catch((error: unknown) => {
        if (!(error instanceof InvalidVerificationTokenError)) throw error;
        throw error.reason === 'expired'
          ? new ApiError(410, 'verification_token_expired', 'the link has expired')
          : new ApiError(400, 'verification_token_invalid', 'the link is not valid');
      });
      const profile = await users.call(claims.userId, 'confirmEmail', {
        caller: ActorClient.caller(claims.userId),
        email: claims.email,
      });
      const state: EmailVerificationState = {
        email: profile.email,
        email_verified: profile.email_verified,
      };
      if (wantsJson) return void response.json(state);
      response.type('html').send(verificationPage({ ok: true, email: claims.email }));
    } catch (error) {
      if (wantsJson || !(error instanceof ApiError) || error.status >= 500) throw error;
      response
        .status(error.status)
        .type('html')
        .send(verificationPage({ ok: false, code: error.code, message: error.message }));
    }
  });

  return rejectOtherMethods(router);
}
