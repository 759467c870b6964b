import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import { currentContext } from '../../platform/request-context.ts';
import { QueueFullError } from '../../platform/bounded-queue.ts';
import type { ProblemCode } from '../../schemas/problem-codes.ts';
import { problemBody, type RelayedProblem } from '../../schemas/problem.ts';
import { ApiError, RetryLaterError, type FieldProblem } from '../errors.ts';

/**
 * Answers with RFC 9457 problem details; `code` and `type` are stable identifiers clients may
 * switch on, and the code fixes the status (schemas/problem-codes.ts).
 */
export function sendProblem(
  response: Response,
  problem: ProblemCode | RelayedProblem,
  detail: string,
  fields?: FieldProblem[],
): void {
  const body = problemBody(problem, detail, {
    instance: response.req.originalUrl,
    correlation_id: currentContext()?.correlationId,
    errors: fields,
  });
  response.status(body.status).type('application/problem+json').json(body);
}

export const zodFields = (error: z.ZodError): FieldProblem[] =>
  error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));

export const notFoundHandler: RequestHandler = (request, response) => {
  sendProblem(response, 'route_not_found', `no route for ${request.method} ${request.path}`);
};

/** The one place errors become responses. Unknown errors are logged and never leak details. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) return next(error);
    if (error instanceof ApiError) {
      // A failure of ours or of a service behind us: worth a line, with what caused it.
      if (error.status >= 500)
        logger.warn('request failed', {
          code: error.code,
          status: error.status,
          error: error.cause,
        });
      if (error instanceof RetryLaterError)
        response.setHeader('retry-after', String(error.retryAfterSeconds));
      return sendProblem(response, error.kind, error.message, error.fields);
    }
    if (error instanceof QueueFullError) {
      // Overload of one kind of work, refused before it queued: the rest of the API is fine.
      response.setHeader('retry-after', '1');
      return sendProblem(response, 'busy', `${error.queue} is busy, retry in a second`);
    }
    if (error instanceof z.ZodError)
      return sendProblem(response, 'validation_failed', 'the request is invalid', zodFields(error));
    const httpError = error as { type?: string; status?: number; message?: string };
    if (httpError.type === 'entity.parse.failed')
      return sendProblem(response, 'invalid_json', 'the body is not valid JSON');
    if (httpError.type === 'entity.too.large')
      return sendProblem(response, 'body_too_large', 'the body is too large');
    if (httpError.type === 'charset.unsupported' || httpError.type === 'encoding.unsupported') {
      return sendProblem(
        response,
        'unsupported_encoding',
        httpError.message ?? 'unsupported encoding',
      );
    }
    logger.error('unhandled error', { error });
    sendProblem(response, 'internal_error', 'an unexpected error occurred');
  };
}
