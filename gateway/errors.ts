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

/** A 429 that tells the client when to come back (`Retry-After`, in seconds). */
export class RetryLaterError extends ApiError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message);
    this.name = 'RetryLaterError';
  }
}
