import type { RequestHandler } from 'express';
import { problem } from '../errors.ts';
import { userOf } from './authenticate.ts';

/**
 * Lets only operators through: user ids named in the configuration (OPERATOR_USER_IDS), checked
 * on every request. Runs before anything reads the path, so a refusal is the same whatever it
 * names: it cannot tell anyone whether an actor exists.
 */
export function requireOperator(operatorIds: readonly string[]): RequestHandler {
  const operators = new Set(operatorIds);
  return (request, _response, next) => {
    try {
      if (operators.has(userOf(request))) return next();
      next(problem.operator_only('this needs the operator role'));
    } catch (error) {
      next(error);
    }
  };
}
