import type { DomainError, DomainErrorCode } from '../schemas/task-actor.ts';

export interface FieldProblem {
  path: string;
  message: string;
}

/** An error the API answers with a problem+json document. `code` is stable for clients. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldProblem[],
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ApiError';
  }
}

const domainStatus: Record<DomainErrorCode, number> = {
  task_not_found: 404,
  task_exists: 409,
  validation_failed: 400,
  version_conflict: 409,
  user_unavailable: 503,
};

export const fromDomainError = (error: DomainError): ApiError =>
  new ApiError(domainStatus[error.code], error.code, error.message, error.fields);
