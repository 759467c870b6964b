import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseEnvSchema, loadConfig } from './config.ts';

afterEach(() => vi.restoreAllMocks());

describe('loadConfig', () => {
  it('parses and coerces the environment', () => {
    const config = loadConfig(baseEnvSchema, { APP_ID: 'todo-gateway', PORT: '3000' });
    expect(config).toMatchObject({
      APP_ID: 'todo-gateway',
      PORT: 3000,
      DAPR_HTTP_PORT: 3500,
      LOG_LEVEL: 'info',
    });
  });

  it('lists every problem, then exits', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exit');
    });
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => loadConfig(baseEnvSchema, { PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow('exit');
    expect(exit).toHaveBeenCalledWith(1);
    const message = String(printed.mock.calls[0]?.[0]);
    expect(message).toContain('APP_ID');
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
  });
});
