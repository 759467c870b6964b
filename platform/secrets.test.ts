import { afterEach, describe, expect, it } from 'vitest';
import type { DaprClientHttp } from './dapr.ts';
import { readSecrets, secretEnvName } from './secrets.ts';

afterEach(() => {
  delete process.env.SECRET_JWT_SECRET;
});

describe('readSecrets', () => {
  it('names the environment variable after the secret', () => {
    expect(secretEnvName('postgres-url')).toBe('SECRET_POSTGRES_URL');
  });

  it('prefers the environment and asks the secret store for the rest', async () => {
    process.env.SECRET_JWT_SECRET = 'from-env';
    const asked: string[] = [];
    const store = {
      getSecret: async (_store: string, name: string) => (asked.push(name), `from-store-${name}`),
    } as unknown as DaprClientHttp;
    expect(await readSecrets(store, 'kubernetes', ['jwt-secret', 'redis-url'])).toEqual({
      'jwt-secret': 'from-env',
      'redis-url': 'from-store-redis-url',
    });
    expect(asked).toEqual(['redis-url']);
  });
});
