import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRouters, type InProcessApp } from '../../tests/support/in-process-app.ts';
import { ActorClient } from '../actor-client.ts';
import { operatorRouter } from './operator.ts';

/** The actors asked: none, for every request here is refused first. */
const asked: string[] = [];
const router = () =>
  operatorRouter({
    operators: ['op-1'],
    actors: new ActorClient({
      invokeActor: async (type, id) => void asked.push(`${type} ${id}`),
    }),
    // Never reached: a refused request writes no audit row (the audit comes before the look).
    db: {} as never,
  });

let asOperator: InProcessApp;
let asUser: InProcessApp;
beforeAll(async () => {
  asOperator = await serveRouters({ '/operator': router() }, { userId: 'op-1' });
  asUser = await serveRouters({ '/operator': router() }, { userId: 'u-1' });
});
afterAll(() => Promise.all([asOperator.close(), asUser.close()]));

const codeOf = async (app: InProcessApp, path: string) => {
  const response = await fetch(`${app.base}/operator${path}`);
  return [response.status, ((await response.json()) as { code: string }).code] as const;
};
const TASK_ID = 'a6f0e1c2-0000-4000-8000-000000000001';

describe('the operator routes', () => {
  it('refuse anyone not named an operator alike, whatever the path names', async () => {
    expect(await codeOf(asUser, `/actors/TaskActor/${TASK_ID}`)).toEqual([403, 'operator_only']);
    expect(await codeOf(asUser, '/actors/NoSuchActor/x')).toEqual([403, 'operator_only']);
    expect(await codeOf(asUser, '/hosts')).toEqual([403, 'operator_only']);
  });

  it('answer 404 to an actor type they do not know, or an id its type cannot have', async () => {
    expect(await codeOf(asOperator, `/actors/NoSuchActor/${TASK_ID}`)).toEqual([
      404,
      'actor_type_unknown',
    ]);
    expect(await codeOf(asOperator, '/actors/TaskActor/not-a-task-id')).toEqual([
      404,
      'actor_not_found',
    ]);
    expect(asked).toEqual([]);
  });
});
