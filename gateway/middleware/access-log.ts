import type { RequestHandler } from 'express';
import type { Logger } from '../../platform/logger.ts';
import { currentContext } from '../../platform/request-context.ts';

/** One line per request, with its correlation id, route template, status and duration. */
export function accessLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    const context = currentContext();
    response.on('finish', () => {
      logger.info('request', {
        correlation_id: context?.correlationId,
        user_id: request.userId,
        method: request.method,
        route: request.route?.path
          ? `${request.baseUrl}${String(request.route.path)}`
          : request.path,
        status: response.statusCode,
        duration_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      });
    });
    next();
  };
}
