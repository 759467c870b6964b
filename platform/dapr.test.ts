import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DaprClientHttp, DaprError, failedEntriesOf, operationOf } from './dapr.ts';

describe('operationOf', () => {
  it.each([
    ['POST', '/v1.0/publish/pubsub/task-events?metadata.partitionKey=abc', 'publish:task-events'],
    ['POST', '/v1.0-alpha1/publish/bulk/pubsub/reminders', 'publish-bulk:reminders'],
    ['PUT', '/v1.0/actors/TaskActor/0b6f7a4e/method/complete', 'actor:TaskActor.complete'],
    ['POST', '/v1.0/actors/TaskActor/0b6f7a4e/reminders/due-1234', 'reminder:post'],
    ['GET', '/v1.0/actors/TaskActor/0b6f7a4e/state/effects', 'actor-state:get'],
    ['GET', '/v1.0/invoke/todo-actors/method/internal/actor-types', 'invoke:todo-actors'],
    ['GET', '/v1.0/secrets/local-secrets/jwt-secret', 'secrets'],
    ['GET', '/v1.0/metadata', 'metadata'],
  ])('%s %s → %s (no ids in metric labels)', (method, path, operation) => {
    expect(operationOf(method, path)).toBe(operation);
  });
});

describe('failedEntriesOf', () => {
  it('names the entries a bulk publication’s 500 answer lists as failed', () => {
    const body = JSON.stringify({
      failedEntries: [
        { entryId: 'b', error: 'kafka: timeout' },
        { entryId: 'c', error: 'kafka: timeout' },
      ],
      errorCode: 'ERR_PUBSUB_PUBLISH_MESSAGE',
    });
    expect(failedEntriesOf(body)).toEqual(new Set(['b', 'c']));
  });

  it.each([
    ['not JSON', 'upstream connect error'],
    ['no list', JSON.stringify({ errorCode: 'ERR_PUBSUB_NOT_FOUND' })],
    ['an empty list', JSON.stringify({ failedEntries: [] })],
    ['entries without ids', JSON.stringify({ failedEntries: [{ error: 'x' }] })],
  ])('says nothing (all unpublished) for %s', (_, body) => {
    expect(failedEntriesOf(body)).toBeUndefined();
  });
});

describe('DaprClientHttp timeouts', () => {
  it('gives up on a sidecar that does not answer, with a DaprError', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer(() => undefined);
    silent.on('connection', (socket) => sockets.add(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    try {
      const client = new DaprClientHttp('127.0.0.1', port);
      const failure = await client
        .publish('pubsub', 'task-events', { n: 1 }, { timeoutMs: 50 })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DaprError);
      expect(failure).toMatchObject({ status: 504 });
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
