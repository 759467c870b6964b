import type { NextFunction, Request, Response } from 'express';
import client from 'prom-client';

/** One registry per process, with Node's default metrics. */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const httpRequestDuration = new client.Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

/** RED metrics per route template (not per raw path: ids must not explode cardinality). */
export function httpMetrics(request: Request, response: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  response.on('finish', () => {
    const route = request.route?.path
      ? `${request.baseUrl}${String(request.route.path)}`
      : 'unmatched';
    end({ method: request.method, route, status: String(response.statusCode) });
  });
  next();
}

export { client as prometheus };
