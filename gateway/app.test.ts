import express from 'express';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.ts';
import { mountGateway } from './app.ts';
import { gatewayEnvSchema } from './config.ts';

/** The gateway as main.ts mounts it, with backing services that are never reached. */
function gatewayWith(env: Record<string, string>) {
  const config = gatewayEnvSchema.parse({
    APP_ID: 'todo-gateway',
    PORT: '8080',
    DAPR_API_TOKEN: 'd'.repeat(32),
    APP_API_TOKEN: 'a'.repeat(32),
    ...env,
  });
  return mountGateway({
    app: express(),
    config,
    dapr: {} as never,
    db: {} as never,
    redis: {} as never,
    jwtSecret: 'x'.repeat(32),
    logger: createLogger('todo-gateway', 'error'),
  });
}

const trusts = (app: express.Express, address: string) =>
  (app.get('trust proxy fn') as (address: string, hop: number) => boolean)(address, 0);

describe('the gateway behind proxies', () => {
  it('trusts loopback only, unless TRUST_PROXY says otherwise', () => {
    const local = gatewayWith({});
    expect([trusts(local, '127.0.0.1'), trusts(local, '10.1.2.3')]).toEqual([true, false]);
    const cluster = gatewayWith({ TRUST_PROXY: '10.0.0.0/8' });
    expect([trusts(cluster, '127.0.0.1'), trusts(cluster, '10.1.2.3')]).toEqual([false, true]);
    expect(trusts(gatewayWith({ TRUST_PROXY: '1' }), '10.1.2.3')).toBe(true);
  });
});
