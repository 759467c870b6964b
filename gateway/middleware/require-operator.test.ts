import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { requireOperator } from './require-operator.ts';

const run = (operators: string[], userId: string | undefined) => {
  let passed: unknown = 'not called';
  requireOperator(operators)({ userId } as Request, {} as Response, (error?: unknown) => {
    passed = error;
  });
  return passed;
};

describe('requireOperator', () => {
  it('lets a configured operator through', () => {
    expect(run(['ops-1', 'ops-2'], 'ops-2')).toBeUndefined();
  });

  it('refuses everyone else with 403 operator_only', () => {
    const refused = run(['ops-1'], 'user-1');
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'operator_only' });
  });

  it('has no operator when none is configured', () => {
    expect(run([], 'user-1')).toMatchObject({ status: 403, code: 'operator_only' });
    expect(run([], '')).toMatchObject({ status: 401 });
  });
});
