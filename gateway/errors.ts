import {
  problemCodes,
  statusOf,
  type ProblemCode,
  type ProblemCodeWith,
} from '../schemas/problem-codes.ts';
import type { FieldProblem, RelayedProblem } from '../schemas/problem.ts';

export type { FieldProblem };

/**
 * An error the API answers with a problem+json document. `code` is stable for clients and
 * fixes the status (schemas/problem-codes.ts); build one with `problem.<code>(detail)`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(
    /** The catalogue's code, or a problem relayed from another instance of the API. */
    readonly kind: ProblemCode | RelayedProblem,
    message: string,
    readonly fields?: FieldProblem[],
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ApiError';
    const { status, code } =
      typeof kind === 'string' ? { status: statusOf(kind), code: kind } : kind.relayed;
    this.status = status;
    this.code = code;
  }
}

type ProblemFactory = (detail: string, fields?: FieldProblem[], cause?: unknown) => ApiError;

/**
 * One named factory per code of the catalogue: `throw problem.task_not_found('task not found')`.
 * A code outside the catalogue does not compile.
 */
export const problem = Object.fromEntries(
  problemCodes.map((code) => [
    code,
    (detail: string, fields?: FieldProblem[], cause?: unknown) =>
      new ApiError(code, detail, fields, cause),
  ]),
) as Record<ProblemCode, ProblemFactory>;

/** A 429 that tells the client when to come back (`Retry-After`, in seconds). */
export class RetryLaterError extends ApiError {
  constructor(
    code: ProblemCodeWith<429>,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
    this.name = 'RetryLaterError';
  }
}
