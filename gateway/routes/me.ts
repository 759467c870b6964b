import type { RequestHandler, Router } from 'express';
import type { Db } from '../../db/database.ts';
import { emailVerificationStateSchema, type EmailVerificationState } from '../../schemas/auth.ts';
import {
  updateProfileInputSchema,
  userProfileSchema,
  type Profile,
  type UserProfile,
} from '../../schemas/user.ts';
import { ActorClient } from '../actor-client.ts';
import { requestVerificationMail } from '../auth/verification-mails.ts';
import { problem } from '../errors.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { userOf } from '../middleware/authenticate.ts';
import { userCounters } from '../queries/user-counters.ts';
import type { UserActorClient } from '../user-actor-client.ts';

export const getProfile = operation({
  method: 'get',
  path: '/me',
  operationId: 'getProfile',
  tags: ['profile'],
  responses: { 200: { description: 'Your profile', body: userProfileSchema } },
});

export const updateProfile = operation({
  method: 'patch',
  path: '/me',
  operationId: 'updateProfile',
  tags: ['profile'],
  description:
    'A new `email` is unverified (`email_verified: false`) and gets a verification mail. ' +
    'Requests that set `email` count against the per-hour limit of verification mails (429 ' +
    'beyond it).',
  body: updateProfileInputSchema,
  responses: { 200: { description: 'Updated', body: userProfileSchema } },
});

export const resendEmailVerification = operation({
  method: 'post',
  path: '/me/email/verification',
  operationId: 'resendEmailVerification',
  tags: ['profile'],
  description:
    'Mails a new verification link to the profile’s unverified address. A few per hour per ' +
    'user (429 with Retry-After beyond).',
  responses: {
    202: { description: 'A verification mail is on its way', body: emailVerificationStateSchema },
  },
  problems: ['no_email', 'email_already_verified'],
});

export const profileOperations = [getProfile, updateProfile, resendEmailVerification];

/**
 * The caller's own profile, kept by their UserActor, with the counters of their events. A new
 * address gets a verification mail; `mailLimit` bounds how many a user can cause: it counts the
 * resends and every update that sets an address (otherwise switching between two addresses
 * would mail either without a limit).
 */
export function meRouter(users: UserActorClient, db: Db, mailLimit: RequestHandler): Router {
  const routes = operationsRouter('/me');
  const limitWhenSettingEmail: RequestHandler = (request, response, next) => {
    const body: unknown = request.body;
    const setsEmail =
      typeof body === 'object' &&
      body !== null &&
      typeof (body as { email?: unknown }).email === 'string';
    if (setsEmail) return mailLimit(request, response, next);
    next();
  };
  const withCounters = async (userId: string, profile: Promise<Profile>): Promise<UserProfile> => {
    const [found, counters] = await Promise.all([profile, userCounters(db, userId)]);
    return { ...found, counters };
  };
  routes.on(getProfile, async (_input, request, response) => {
    const userId = userOf(request);
    const caller = ActorClient.caller(userId);
    response.json(await withCounters(userId, users.call(userId, 'getProfile', { caller })));
  });
  routes.on(updateProfile, limitWhenSettingEmail, async ({ body: patch }, request, response) => {
    const userId = userOf(request);
    const caller = ActorClient.caller(userId);
    const updated = users.update(userId, { caller, patch }).then(async ({ profile, changed }) => {
      // Queued after the actor saved the address: should this fail, the answer is an error and
      // the user asks again with the resend route (the address itself stays unverified).
      if (changed.includes('email') && profile.email)
        await requestVerificationMail(db, userId, profile.email);
      return profile;
    });
    response.json(await withCounters(userId, updated));
  });
  routes.on(resendEmailVerification, mailLimit, async (_input, request, response) => {
    const userId = userOf(request);
    const profile = await users.call(userId, 'getProfile', {
      caller: ActorClient.caller(userId),
    });
    if (!profile.email) throw problem.no_email('the profile has no e-mail address');
    if (profile.email_verified)
      throw problem.email_already_verified('the e-mail address is verified already');
    await requestVerificationMail(db, userId, profile.email);
    const state: EmailVerificationState = { email: profile.email, email_verified: false };
    response.status(202).json(state);
  });
  return routes.router();
}
