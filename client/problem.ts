/** A field the API refused, as a problem+json document's `errors` lists it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An answer of the API that is not a success: its RFC 9457 problem+json document read into the
 * stable `code` (schemas/problem-codes.ts), the human `detail` and the refused fields.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  /** Reads a failed response; a body that is no problem document (a proxy's page) keeps the status. */
  static async from(response: Response): Promise<ApiProblem> {
    const document = parseJson(await response.text());
    const problem = (typeof document === 'object' && document !== null ? document : {}) as {
      code?: unknown;
      detail?: unknown;
      errors?: unknown;
    };
    return new ApiProblem(
      response.status,
      typeof problem.code === 'string' ? problem.code : 'error',
      typeof problem.detail === 'string' ? problem.detail : response.statusText,
      Array.isArray(problem.errors) ? (problem.errors as FieldProblem[]) : [],
    );
  }
}

/** The JSON a body holds, the text itself when it is not JSON, nothing when it is empty. */
export function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
