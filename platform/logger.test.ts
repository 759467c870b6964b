import { Writable } from 'node:stream';
import winston from 'winston';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { runWithContext } from './request-context.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('test-service', 'debug');
  logger.clear();
  logger.add(
    new winston.transports.Stream({
      stream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    }),
  );
  return { logger, lines };
}

describe('logger', () => {
  it('writes JSON with the service, and the correlation id and user of the current context', () => {
    const { logger, lines } = capture();
    runWithContext({ correlationId: 'c-123', userId: 'u-1' }, () => logger.info('hello'));
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'hello',
      service: 'test-service',
      correlation_id: 'c-123',
      user_id: 'u-1',
    });
  });

  it('keeps the message and stack of errors in metadata', () => {
    const { logger, lines } = capture();
    logger.error('failed', { error: new Error('boom') });
    expect(lines[0]!.error).toMatchObject({ name: 'Error', message: 'boom' });
    expect(String((lines[0]!.error as { stack: string }).stack)).toContain('logger.test.ts');
  });
});
