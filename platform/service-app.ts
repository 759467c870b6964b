import express, { type Express } from 'express';
import type { Logger } from './logger.ts';
import { httpMetrics, prometheus, registry } from './metrics.ts';
import { requireSidecarToken } from './sidecar-token.ts';
import { isShuttingDown } from './shutdown.ts';

export type ReadinessCheck = { name: string; check: () => Promise<boolean> };

const sidecarRefusals = new prometheus.Counter({
  name: 'sidecar_token_refusals_total',
  help: 'Calls to a sidecar path (/dapr, /actors, /events) without the app token, refused',
  registers: [registry],
});

export interface ServiceAppOptions {
  /** APP_API_TOKEN: what this app's sidecar presents on the paths only it may call. */
  appToken: string;
  logger: Logger;
}

/**
 * The express app every process starts from: liveness, readiness with named checks,
 * Prometheus metrics. Readiness stays false until `markStarted()`, and again during shutdown.
 */
export function createServiceApp(
  checks: ReadinessCheck[],
  options: ServiceAppOptions,
): {
  app: Express;
  markStarted: () => void;
} {
  const app = express();
  app.disable('x-powered-by');
  let started = false;
  app.use(httpMetrics);
  app.use(
    requireSidecarToken(options.appToken, (path) => {
      sidecarRefusals.inc();
      options.logger.warn('call without the app token refused', { path });
    }),
  );
  // While shutting down, every answer closes its connection: a proxy's kept-alive connections
  // would otherwise keep bringing requests, and `server.close()` would wait for them forever.
  app.use((_request, response, next) => {
    if (isShuttingDown()) response.setHeader('connection', 'close');
    next();
  });
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => [name, await check().catch(() => false)] as const),
    );
    const ready = started && !isShuttingDown() && results.every(([, ok]) => ok);
    response.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      started,
      checks: Object.fromEntries(results),
    });
  });
  app.get('/metrics', async (_request, response) => {
    response.type(registry.contentType).send(await registry.metrics());
  });
  return { app, markStarted: () => (started = true) };
}
