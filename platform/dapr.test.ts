import { describe, expect, it } from 'vitest';
import { operationOf } from './dapr.ts';

describe('operationOf', () => {
  it.each([
    ['POST', '/v1.0/publish/pubsub/task-events?metadata.partitionKey=abc', 'publish:task-events'],
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
