import type { NextFunction, Request, Response } from 'express';
import client from 'prom-client';

/** How often the event loop's lag is sampled. */
export const EVENT_LOOP_MONITORING_MS = 100;

/** One registry per process, with Node's default metrics. */
export const registry = new client.Registry();
client.collectDefaultMetrics({
  register: registry,
  // The event-loop-lag histogram samples on a timer. At prom-client's default of 10 ms that
  // timer wakes an idle process 100 times a second, about 10 ms of CPU a second per process
  // (bench/idle.ts), twelve processes in the local stack: 100 ms keeps lags worth alerting on.
  eventLoopMonitoringPrecision: EVENT_LOOP_MONITORING_MS,
});

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
