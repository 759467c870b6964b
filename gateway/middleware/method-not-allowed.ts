import type { Router } from 'express';
import { sendProblem } from './problem.ts';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Answers 405 with an Allow header for a method a known path does not take (instead of 404).
 * Call after the router's routes are defined.
 */
export function rejectOtherMethods(router: Router): Router {
  const allowed = new Map<string, Set<string>>();
  for (const layer of router.stack as RouteLayer[]) {
    if (!layer.route) continue;
    const methods = allowed.get(layer.route.path) ?? new Set<string>();
    for (const [method, on] of Object.entries(layer.route.methods))
      if (on && method !== '_all') methods.add(method.toUpperCase());
    allowed.set(layer.route.path, methods);
  }
  for (const [path, methods] of allowed) {
    if (methods.has('GET')) methods.add('HEAD');
    router.all(path, (request, response) => {
      response.setHeader('allow', [...methods].sort().join(', '));
      sendProblem(
        response,
        'method_not_allowed',
        `${request.method} is not allowed here; use ${[...methods].sort().join(', ')}`,
      );
    });
  }
  return router;
}
