import express, { type Express } from 'express';
import { httpMetrics, registry } from './metrics.ts';
import { isShuttingDown } from './shutdown.ts';

export type ReadinessCheck = { name: string; check: () => Promise<boolean> };

/**
 * The express app every process starts from: liveness, readiness with named checks,
 * Prometheus metrics. Readiness stays false until `markStarted()`, and again during shutdown.
 */
export function createServiceApp(checks: ReadinessCheck[] = []): {
  app: Express;
  markStarted: () => void;
} {
  const app = express();
  app.disable('x-powered-by');
  let started = false;
  app.use(httpMetrics);
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
