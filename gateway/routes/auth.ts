import type { RequestHandler, Router } from 'express';
import {
  InvalidVerificationTokenError,
  verifyVerificationToken,
} from '../../platform/auth/email-verification-token.ts';
import {
  emailVerificationStateSchema,
  loginInputSchema,
  logoutInputSchema,
  refreshInputSchema,
  sessionSchema,
  signupInputSchema,
  verifyEmailQuerySchema,
  type EmailVerificationState,
} from '../../schemas/auth.ts';
import { ActorClient } from '../actor-client.ts';
import type { Accounts } from '../auth/accounts.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts';
import { requestVerificationMail } from '../auth/verification-mails.ts';
import { verificationPage } from '../auth/verification-page.ts';
import { ApiError, problem } from '../errors.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { UserActorClient } from '../user-actor-client.ts';

const invalidCredentials = () => problem.invalid_credentials('e-mail or password is wrong');
const emailTaken = () =>
  problem.email_taken('an account with this e-mail exists', [
    { path: 'email', message: 'already registered' },
  ]);

export const signup = operation({
  method: 'post',
  path: '/auth/signup',
  operationId: 'signup',
  tags: ['auth'],
  auth: 'none',
  description:
    'Also mails a verification link to the address; reminders are mailed only once it is followed.',
  body: signupInputSchema,
  responses: { 201: { description: 'Account created, logged in', body: sessionSchema } },
  problems: ['email_taken', 'busy'],
});

export const login = operation({
  method: 'post',
  path: '/auth/login',
  operationId: 'login',
  tags: ['auth'],
  auth: 'none',
  description:
    'Too many failed log-ins for one e-mail are throttled (`login_throttled`: 5 free, then 1 s ' +
    'doubling up to 15 min, see Retry-After).',
  body: loginInputSchema,
  responses: { 200: { description: 'Logged in', body: sessionSchema } },
  problems: ['invalid_credentials', 'login_throttled', 'busy'],
});

export const refresh = operation({
  method: 'post',
  path: '/auth/refresh',
  operationId: 'refresh',
  tags: ['auth'],
  auth: 'none',
  description:
    'A refresh token used a second time (`refresh_token_reused`) revokes every token of its session.',
  body: refreshInputSchema,
  responses: {
    200: {
      description: 'The next session of the family; the presented token is used up',
      body: sessionSchema,
    },
  },
  problems: ['invalid_refresh_token', 'refresh_token_reused'],
});

export const logout = operation({
  method: 'post',
  path: '/auth/logout',
  operationId: 'logout',
  tags: ['auth'],
  auth: 'none',
  description: 'Ends the session the refresh token belongs to. Idempotent.',
  body: logoutInputSchema,
  responses: { 204: { description: 'Logged out (also when the token was unknown or ended)' } },
});

export const logoutEverywhere = operation({
  method: 'post',
  path: '/auth/logout-all',
  operationId: 'logoutEverywhere',
  tags: ['auth'],
  description: "Ends every session of the caller's account; access tokens expire within 15 min.",
  responses: { 204: { description: 'Every session ended' } },
});

export const verifyEmail = operation({
  method: 'get',
  path: '/auth/verify-email',
  operationId: 'verifyEmail',
  tags: ['auth', 'profile'],
  auth: 'none',
  description:
    'The link in a verification mail (valid 24 h). Browsers get a small HTML page (with the ' +
    'problem `code` in `data-code` on failure); a client that accepts JSON first gets JSON or ' +
    'problem+json.',
  query: verifyEmailQuerySchema,
  validate: 'handler',
  responses: {
    200: { description: 'The address is verified', body: emailVerificationStateSchema, html: true },
  },
  problems: [
    'verification_token_invalid',
    'verification_address_changed',
    'verification_token_expired',
  ],
  beyondSchema: {
    verification_token_invalid: 'the token is malformed or its signature is not ours',
    verification_token_expired: 'the link is older than 24 hours',
    verification_address_changed: 'the link was mailed to an address the profile no longer has',
  },
});

export const authOperations = [signup, login, refresh, logout, logoutEverywhere, verifyEmail];

export interface AuthRouterDependencies {
  accounts: Pick<
    Accounts,
    | 'findByEmail'
    | 'create'
    | 'setPasswordHash'
    | 'issueSession'
    | 'refresh'
    | 'logout'
    | 'logoutEverywhere'
  >;
  users: UserActorClient;
  throttle: Pick<LoginThrottle, 'refuseIfLocked' | 'recordFailure' | 'clear'>;
  /** Requires an access token (log-out everywhere). */
  authenticate: RequestHandler;
  /** Per-address limits, each route group counted in its own bucket. */
  limits: {
    signup: RequestHandler;
    login: RequestHandler;
    refresh: RequestHandler;
    verify: RequestHandler;
  };
  /** Verifies the links of verification mails. */
  jwtSecret: string;
}

/**
 * Sign-up, log-in, refresh and log-out (the routes that create and end sessions), and the link of
 * a verification mail, which carries its own token.
 */
export function authRouter({
  accounts,
  users,
  throttle,
  authenticate,
  limits,
  jwtSecret,
}: AuthRouterDependencies): Router {
  const routes = operationsRouter('/auth');

  routes.on(signup, limits.signup, async ({ body: input }, _request, response) => {
    // A taken e-mail is said so anyway (409): finding out first spares the password hash.
    if (await accounts.findByEmail(input.email)) throw emailTaken();
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
    // Taken meanwhile, by a concurrent sign-up.
    if (!account) throw emailTaken();
    response.status(201).json(await accounts.issueSession(account));
  });

  routes.on(login, limits.login, async ({ body: input }, _request, response) => {
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

  routes.on(refresh, limits.refresh, async ({ body: input }, _request, response) => {
    const session = await accounts.refresh(input.refresh_token);
    if (session === 'reused')
      throw problem.refresh_token_reused(
        'the refresh token was used before; its session has ended, log in again',
      );
    if (session === 'invalid')
      throw problem.invalid_refresh_token('the refresh token is unknown or expired');
    response.json(session);
  });

  // The link in a verification mail. A GET because that is what clicking a link does; the
  // token is single-purpose and the outcome idempotent, so a mail scanner opening it early does
  // no harm beyond confirming what the mail's reader would. A person gets a page; a program that
  // asks for JSON gets the profile's state or a problem with a stable code.
  routes.on(verifyEmail, limits.verify, async (_input, request, response) => {
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
          ? problem.verification_token_expired('the link has expired')
          : problem.verification_token_invalid('the link is not valid');
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

  // Idempotent: an unknown or already ended session is as logged out as can be.
  routes.on(logout, limits.refresh, async ({ body: input }, _request, response) => {
    await accounts.logout(input.refresh_token);
    response.status(204).end();
  });

  routes.on(logoutEverywhere, limits.refresh, authenticate, async (_input, request, response) => {
    await accounts.logoutEverywhere(userOf(request));
    response.status(204).end();
  });

  return routes.router();
}
