import type { Router } from 'express';
import { changePasswordInputSchema } from '../../schemas/auth.ts';
import type { Accounts } from '../auth/accounts.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { problem } from '../errors.ts';
import { userOf } from '../middleware/authenticate.ts';
import { operation, operationsRouter } from '../http/operation.ts';

export const changePassword = operation({
  method: 'post',
  path: '/me/password',
  operationId: 'changePassword',
  tags: ['profile'],
  description:
    'Sets a new password after checking the current one. Every session ends but the one ' +
    "`refresh_token` names (the caller's own), whose tokens stay valid.",
  body: changePasswordInputSchema,
  responses: { 204: { description: 'Changed; other sessions ended' } },
  problems: ['wrong_password', 'account_not_found', 'login_throttled'],
});

export const passwordOperations = [changePassword];

/**
 * The caller's new password. The current one is asked for (a token alone, lost with a laptop,
 * must not take the account over) and guessing it is throttled as log-ins are. Every other
 * session ends; the caller's own, named by its refresh token, goes on: 204, the tokens in hand
 * stay valid. Access tokens already issued elsewhere expire within their 15 minutes.
 */
export function passwordRouter(accounts: Accounts, throttle: LoginThrottle): Router {
  const routes = operationsRouter('/me/password');
  routes.on(changePassword, async ({ body: input }, request, response) => {
    const account = await accounts.findById(userOf(request));
    if (!account) throw problem.account_not_found('this user has no account with a password');
    await throttle.refuseIfLocked(account.email);
    if (!(await verifyPassword(input.current_password, account.password_hash))) {
      await throttle.recordFailure(account.email);
      throw problem.wrong_password('the current password is wrong', [
        { path: 'current_password', message: 'wrong password' },
      ]);
    }
    await throttle.clear(account.email);
    await accounts.changePassword(
      account.id,
      await hashPassword(input.new_password),
      input.refresh_token,
    );
    response.status(204).end();
  });
  return routes.router();
}
