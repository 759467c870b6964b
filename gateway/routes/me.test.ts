import type { RequestHandler } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../schemas/user.ts';
import { serveRouters, type InProcessApp } from '../../tests/support/in-process-app.ts';
import { ActorClient } from '../actor-client.ts';
import { RetryLaterError } from '../errors.ts';
import { UserActorClient } from '../user-actor-client.ts';
import { meRouter } from './me.ts';

const profile = (email: string | null, verified: boolean): Profile => ({
  user_id: 'u1',
  display_name: 'Alice',
  email,
  email_verified: verified,
  time_zone: 'UTC',
  notifications: { email: true },
  created_at: '2026-11-26T10:00:00.000Z',
  updated_at: '2026-11-26T10:00:00.000Z',
});

/** The profile the UserActor holds, and the methods it was asked for. */
let stored = profile(null, false);
const asked: string[] = [];
const users = new UserActorClient(
  new ActorClient({
    invokeActor: async (_type, _id, method) => {
      asked.push(method);
      return { ok: true, profile: stored };
    },
  }),
);
/** The verification-mail limit, spent or not. */
let mailsLeft = 0;
const mailLimit: RequestHandler = (_request, _response, next) => {
  if (mailsLeft <= 0) return next(new RetryLaterError('rate_limited', 'too many mails', 60));
  mailsLeft -= 1;
  next();
};

let app: InProcessApp;
beforeAll(async () => {
  // The database is never reached here: every request is refused before a mail is queued.
  app = await serveRouters({ '/me': meRouter(users, {} as never, mailLimit) }, { userId: 'u1' });
});
afterAll(() => app.close());
beforeEach(() => {
  asked.length = 0;
  mailsLeft = 0;
});

const send = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${app.base}/me${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return [response.status, ((await response.json()) as { code: string }).code] as const;
};

describe('asking for a verification mail again', () => {
  it('refuses when there is no address, or it is verified already', async () => {
    mailsLeft = 2;
    stored = profile(null, false);
    expect(await send('POST', '/email/verification')).toEqual([409, 'no_email']);
    stored = profile('alice@example.com', true);
    expect(await send('POST', '/email/verification')).toEqual([409, 'email_already_verified']);
    expect(asked).toEqual(['getProfile', 'getProfile']);
  });

  it('counts against the mail limit before anything is looked up', async () => {
    expect(await send('POST', '/email/verification')).toEqual([429, 'rate_limited']);
    expect(asked).toEqual([]);
  });
});

describe('changing the profile', () => {
  it('counts setting an address against the mail limit, so that switching cannot mail freely', async () => {
    expect(await send('PATCH', '', { email: 'new@example.com' })).toEqual([429, 'rate_limited']);
    expect(asked).toEqual([]);
  });

  it('refuses an empty or unknown change before the actor is asked', async () => {
    expect(await send('PATCH', '', {})).toEqual([400, 'validation_failed']);
    expect(await send('PATCH', '', { admin: true })).toEqual([400, 'validation_failed']);
    expect(asked).toEqual([]);
  });
});
