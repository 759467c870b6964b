import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { requireSidecarToken, tokenMatches } from './sidecar-token.ts';

const token = 'the-app-token-of-this-app';

function run(path: string, presented?: string) {
  const request = {
    path,
    originalUrl: path,
    get: (name: string) => (name === 'dapr-api-token' ? presented : undefined),
  } as unknown as Request;
  const response = {
    statusCode: 200,
    body: undefined as unknown,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    type() {
      return this;
    },
    json(body: unknown) {
      this.body = body;
      return this;
    },
  };
  const next = vi.fn();
  const refused = vi.fn();
  requireSidecarToken(token, refused)(request, response as unknown as Response, next);
  return { passed: next.mock.calls.length === 1, response, refused };
}

describe('requireSidecarToken', () => {
  it.each([
    '/dapr/subscribe',
    '/dapr/config',
    '/actors/TaskActor/1/method/get',
    '/events/task-events',
  ])('refuses %s without the token and lets the sidecar through', (path) => {
    const refused = run(path);
    expect(refused.passed).toBe(false);
    expect(refused.response.statusCode).toBe(401);
    expect(refused.response.body).toMatchObject({ code: 'sidecar_token_required' });
    expect(refused.refused).toHaveBeenCalledWith(path);
    expect(run(path, 'not-the-token').passed).toBe(false);
    expect(run(path, token).passed).toBe(true);
  });

  it.each(['/healthz', '/readyz', '/metrics', '/api/v1/tasks', '/socket.io/', '/actorsfoo', '/'])(
    'leaves %s to the app',
    (path) => {
      expect(run(path).passed).toBe(true);
    },
  );
});

describe('tokenMatches', () => {
  it('matches the token only', () => {
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
  });
});
