import { describe, expect, it } from 'vitest';
import { AssertionRefused } from './caller-assertion.ts';
import { authorizeCall, callerPolicy, subjectOf } from './caller-policy.ts';

const claims = (iss: string, sub?: string) => ({ iss, sub, act: 'x', bh: 'y' });
const target = (actorType: string, method: string) => ({ actorType, actorId: 'id', method });
const reasonOf = (run: () => void) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AssertionRefused) return error.reason;
    throw error;
  }
  return 'allowed';
};

describe('authorizeCall', () => {
  it('lets each signer call only the methods of its policy', () => {
    const asAlice = { caller: { user_id: 'alice', correlation_id: 'c' } };
    expect(
      reasonOf(() =>
        authorizeCall(claims('todo-gateway', 'alice'), target('TaskActor', 'delete'), asAlice),
      ),
    ).toBe('allowed');
    expect(
      reasonOf(() =>
        authorizeCall(claims('todo-notifier', 'alice'), target('TaskActor', 'delete'), asAlice),
      ),
    ).toBe('not_permitted');
    expect(
      reasonOf(() => authorizeCall(claims('todo-gateway'), target('TaskActor', 'settle'), {})),
    ).toBe('not_permitted');
    expect(
      reasonOf(() => authorizeCall(claims('todo-actors'), target('TaskActor', 'settle'), {})),
    ).toBe('allowed');
    expect(
      reasonOf(() =>
        authorizeCall(claims('todo-realtime', 'alice'), target('TaskActor', 'get'), asAlice),
      ),
    ).toBe('not_permitted');
  });

  it('refuses a body that names a user the signer did not vouch for', () => {
    const body = { caller: { user_id: 'alice', correlation_id: 'c' } };
    expect(
      reasonOf(() =>
        authorizeCall(claims('todo-gateway', 'mallory'), target('TaskActor', 'get'), body),
      ),
    ).toBe('wrong_user');
    expect(
      reasonOf(() => authorizeCall(claims('todo-gateway'), target('TaskActor', 'get'), body)),
    ).toBe('wrong_user');
    const operator = { operator: { user_id: 'alice', correlation_id: 'c' } };
    expect(
      reasonOf(() =>
        authorizeCall(
          claims('todo-gateway', 'bob'),
          target('UserActor', 'operatorInspect'),
          operator,
        ),
      ),
    ).toBe('wrong_user');
  });

  it('gives no signer a method twice or a type that does not exist', () => {
    for (const methods of Object.values(callerPolicy)) {
      expect(new Set(methods).size).toBe(methods.length);
      for (const method of methods) expect(method).toMatch(/^(TaskActor|UserActor)\.\w+$/);
    }
  });
});

describe('subjectOf', () => {
  it('is the user the call is for, or none', () => {
    expect(subjectOf({ caller: { user_id: 'alice' } })).toBe('alice');
    expect(subjectOf({ operator: { user_id: 'op' } })).toBe('op');
    expect(subjectOf({ probe: true })).toBeUndefined();
    expect(subjectOf(null)).toBeUndefined();
  });
});
