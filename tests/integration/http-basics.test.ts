import { describe, expect, inject, it } from 'vitest';
import { apiAs } from '../support/api.ts';

const stack = inject('stack');

describe('HTTP basics of the gateway', () => {
  it('sets security headers, a correlation id and Server-Timing', async () => {
    const response = await fetch(`${stack.gatewayUrl}/api/v1/openapi.json`, {
      headers: { 'x-correlation-id': 'trace-me-123' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-correlation-id')).toBe('trace-me-123');
    expect(response.headers.get('server-timing')).toMatch(/^app;dur=\d+(\.\d+)?$/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the OpenAPI document and a browsable page', async () => {
    const document = (await (await fetch(`${stack.gatewayUrl}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/tasks/{id}/complete');
    const page = await fetch(`${stack.gatewayUrl}/api/v1/docs`);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect(
      (await fetch(`${stack.gatewayUrl}/api/v1/docs/assets/swagger-ui-bundle.js`)).status,
    ).toBe(200);
  });

  it('answers invalid JSON, oversized bodies and unknown routes with problem+json', async () => {
    const api = await apiAs('http-basics');
    const invalid = await api.call('POST', '/tasks', '{"title": ');
    expect(invalid).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    // Within the size limit but nested past any body of ours: refused before it is parsed.
    const deep = await api.call('POST', '/tasks', '['.repeat(50_000) + ']'.repeat(50_000));
    expect(deep).toMatchObject({ status: 400, body: { code: 'json_too_deep' } });
    const huge = await api.call('POST', '/tasks', { title: 'x', description: 'y'.repeat(200_000) });
    expect(huge).toMatchObject({ status: 413, body: { code: 'body_too_large' } });
    const nowhere = await api.get('/nowhere');
    expect(nowhere).toMatchObject({ status: 404, body: { code: 'route_not_found' } });
    const badId = await api.get('/tasks/not-a-uuid');
    expect(badId).toMatchObject({ status: 404, body: { code: 'task_not_found' } });
    const badIfMatch = await api.call(
      'PATCH',
      '/tasks/00000000-0000-4000-8000-000000000000',
      { title: 'x' },
      { 'if-match': 'yesterday' },
    );
    expect(badIfMatch).toMatchObject({ status: 400, body: { code: 'invalid_if_match' } });
  });

  it('counts API calls per user, each user in a bucket of their own', async () => {
    const [alice, bob] = await Promise.all([apiAs('limit-alice'), apiAs('limit-bob')]);
    const remaining = (answer: { headers: Headers }) =>
      Number(answer.headers.get('ratelimit-remaining'));
    const first = await alice.get('/tasks?limit=1');
    expect(first.headers.get('ratelimit-limit')).toBe('1200');
    const second = await alice.get('/tasks?limit=1');
    // Within one window the count goes down; a window boundary between them resets it.
    expect(remaining(second) === remaining(first) - 1 || remaining(second) === 1199).toBe(true);
    const bobs = await bob.get('/tasks?limit=1');
    expect(remaining(bobs)).toBeGreaterThanOrEqual(1199);
  });

  it('does not grant CORS to an origin that is not configured', async () => {
    const response = await fetch(`${stack.gatewayUrl}/api/v1/tasks`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
