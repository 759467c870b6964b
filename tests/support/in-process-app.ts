import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import { jsonBody } from '../../gateway/middleware/json-body.ts';
import { notFoundHandler, problemHandler } from '../../gateway/middleware/problem.ts';
import { createLogger } from '../../platform/logger.ts';

export interface InProcessApp {
  /** `http://127.0.0.1:<port>`, the routers mounted under it. */
  base: string;
  close: () => Promise<void>;
}

/**
 * Routers of the gateway served in this process as app.ts serves them (JSON bodies, problem+json
 * errors), on a free port, for unit tests that call them with fetch. `userId`, when given, is the
 * signed-in user of every request (what `authenticate` would set).
 */
export async function serveRouters(
  routers: Record<string, Router>,
  options: { userId?: string } = {},
): Promise<InProcessApp> {
  const app = express();
  app.use(jsonBody('100kb'));
  if (options.userId !== undefined)
    app.use((request, _response, next) => {
      request.userId = options.userId;
      next();
    });
  for (const [path, router] of Object.entries(routers)) app.use(path, router);
  app.use(notFoundHandler);
  app.use(problemHandler(createLogger('unit-test', 'error')));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
