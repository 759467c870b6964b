import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import { currentContext } from '../../platform/request-context.ts';
import { QueueFullError } from '../../platform/bounded-queue.ts';
import { ApiError, RetryLaterError, type FieldProblem } from '../errors.ts';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** RFC 9457 problem details; `code` and `type` are stable identifiers clients may switch on. */
export function sendProblem(
  response: Response,
  status: number,
  code: string,
  detail: string,
  fields?: FieldProblem[],
): void {
  response
    .status(status)
    .type('application/problem+json')
    .json({
      type: `urn:todo-chatbot:problem:${code}`,
      title: titles[status] ?? 'Error',
      status,
      code,
      detail,
      instance: response.req.originalUrl,
      correlation_id: currentContext()?.correlationId,
      ...(fields && fields.length > 0 ? { errors: fields } : {}),
    });
}

export const zodFields = (error: z.ZodError): FieldProblem[] =>
  error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));

export const notFoundHandler: RequestHandler = (request, response) => {
  sendProblem(response, 404, 'route_not_found', `no route for ${request.method} ${request.path}`);
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
      return sendProblem(response, error.status, error.code, error.message, error.fields);
    }
    if (error instanceof QueueFullError) {
      // Overload of one kind of work, refused before it queued: the rest of the API is fine.
      response.setHeader('retry-after', '1');
      return sendProblem(response, 503, 'busy', `${error.queue} is busy, retry in a second`);
    }
    if (error instanceof z.ZodError)
      return sendProblem(
        response,
        400,
        'validation_failed',
        'the request is invalid',
        zodFields(error),
      );
    const httpError = error as { type?: string; status?: number; message?: string };
    if (httpError.type === 'entity.parse.failed')
      return sendProblem(response, 400, 'invalid_json', 'the body is not valid JSON');
    if (httpError.type === 'entity.too.large')
      return sendProblem(response, 413, 'body_too_large', 'the body is too large');
    if (httpError.type === 'charset.unsupported' || httpError.type === 'encoding.unsupported') {
      return sendProblem(
        response,
        415,
        'unsupported_encoding',
        httpError.message ?? 'unsupported encoding',
      );
    }
    logger.error('unhandled error', { error });
    sendProblem(response, 500, 'internal_error', 'an unexpected error occurred');
  };
}
