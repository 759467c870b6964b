import { describe, expect, it } from 'vitest';
import { runWithContext } from '../platform/request-context.ts';
import { taskActorResultSchema } from '../schemas/task-actor.ts';
import { taskSnapshot } from '../tests/support/fixtures.ts';
import { ACTOR_CALL_TIMEOUT_MS, ActorClient, type ActorInvoker } from './actor-client.ts';
import { ApiError } from './errors.ts';

const task = taskSnapshot({ id: 'a6f0e1c2-0000-4000-8000-000000000001', user_id: 'u1' });

/** What the sidecar was asked, and an answer of the test's choosing. */
function sidecar(answer: () => Promise<unknown>) {
  const calls: unknown[][] = [];
  const invoker: ActorInvoker = {
    invokeActor: (...args) => {
      calls.push(args);
      return answer();
    },
  };
  return { calls, client: new ActorClient(invoker) };
}

const callGet = (client: ActorClient) =>
  client.call('TaskActor', task.id, 'get', { caller: 'c' }, taskActorResultSchema);

/** The ApiError a call failed with. */
async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('calls to actors', () => {
  it('asks the sidecar for the method, with a deadline, and answers the value', async () => {
    const { calls, client } = sidecar(async () => ({ ok: true, task }));
    expect(await callGet(client)).toEqual({ ok: true, task });
    expect(calls).toEqual([['TaskActor', task.id, 'get', { caller: 'c' }, ACTOR_CALL_TIMEOUT_MS]]);
  });

  it("turns an actor's refusal into the problem of its code, with the fields", async () => {
    const { client } = sidecar(async () => ({
      ok: false,
      error: {
        code: 'version_conflict',
        message: 'the task changed',
        fields: [{ path: 'expected_version', message: 'is 3' }],
      },
    }));
    const error = await refusal(callGet(client));
    expect([error.status, error.code, error.message]).toEqual([
      409,
      'version_conflict',
      'the task changed',
    ]);
    expect(error.fields).toEqual([{ path: 'expected_version', message: 'is 3' }]);
  });

  it('answers 503 actor_unavailable when the sidecar fails, keeping the cause for the log', async () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:3500');
    const error = await refusal(callGet(sidecar(() => Promise.reject(cause)).client));
    expect([error.status, error.code]).toEqual([503, 'actor_unavailable']);
    expect(error.cause).toBe(cause);
    expect(error.message).not.toContain('ECONNREFUSED');
  });

  it('answers 503 too when the actor answered nothing (its host went away mid-call)', async () => {
    const error = await refusal(callGet(sidecar(async () => undefined).client));
    expect([error.status, error.code]).toEqual([503, 'actor_unavailable']);
  });

  it('answers 502 actor_bad_response to an answer outside the contract', async () => {
    const error = await refusal(callGet(sidecar(async () => ({ ok: true, tusk: 1 })).client));
    expect([error.status, error.code]).toEqual([502, 'actor_bad_response']);
    expect(String((error.cause as Error).message)).toContain('TaskActor.get answered');
  });

  it("names the request's correlation id as the caller's, or none outside a request", () => {
    expect(ActorClient.caller('u1')).toEqual({ user_id: 'u1', correlation_id: 'none' });
    expect(runWithContext({ correlationId: 'corr-7' }, () => ActorClient.caller('u1'))).toEqual({
      user_id: 'u1',
      correlation_id: 'corr-7',
    });
  });
});
