import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runWithContext } from '../../platform/request-context.ts';

const acceptable = /^[\w.:-]{1,128}$/;

/**
 * Takes the caller's x-correlation-id (or x-request-id) when it is sane, otherwise makes one,
 * echoes it, and runs the rest of the request inside that context: logs, actor calls and
 * events all carry it.
 */
export const correlation: RequestHandler = (request, response, next) => {
  const offered = request.get('x-correlation-id') ?? request.get('x-request-id');
  const correlationId = offered && acceptable.test(offered) ? offered : randomUUID();
  response.setHeader('x-correlation-id', correlationId);
  const traceparent = request.get('traceparent');
  runWithContext({ correlationId, ...(traceparent ? { traceparent } : {}) }, next);
};
