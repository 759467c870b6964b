import type { Request, RequestHandler } from 'express';
import { InvalidTokenError, verifyAccessToken } from '../../platform/auth/tokens.ts';
import { currentContext } from '../../platform/request-context.ts';
import { problem } from '../errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    userId?: string;
  }
}

/** Requires a valid bearer token; the verified subject becomes the request's user id. */
export function authenticate(jwtSecret: string): RequestHandler {
  return async (request, _response, next) => {
    const header = request.get('authorization') ?? '';
    const match = /^Bearer ([\w-]+\.[\w-]*\.[\w-]*)$/i.exec(header);
    if (!match?.[1]) return next(problem.unauthorized('a bearer token is required'));
    try {
      const claims = await verifyAccessToken(jwtSecret, match[1]);
      request.userId = claims.userId;
      const context = currentContext();
      if (context) context.userId = claims.userId;
      next();
    } catch (error) {
      const reason = error instanceof InvalidTokenError ? error.reason : 'invalid';
      next(
        (reason === 'expired' ? problem.token_expired : problem.invalid_token)(
          `the bearer token is ${reason}`,
        ),
      );
    }
  };
}

/** The authenticated user; routes behind `authenticate` always have one. */
export function userOf(request: Request): string {
  if (!request.userId) throw problem.unauthorized('not authenticated');
  return request.userId;
}
