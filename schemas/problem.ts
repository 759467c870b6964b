import { z } from 'zod';
import {
  apiProblems,
  problemCodes,
  problemTitles,
  statusOf,
  type AnyProblemCode,
} from './problem-codes.ts';

export const fieldProblemSchema = z.object({ path: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

/** RFC 9457 problem details, as every error of the API is answered. */
export const problemSchema = z.object({
  type: z.string().describe('urn:todo-chatbot:problem:<code>'),
  title: z.string(),
  status: z.number().int(),
  code: z.enum(problemCodes).meta({
    description: 'stable, machine-readable error code; x-problem-codes gives status and meaning',
    'x-problem-codes': apiProblems,
  }),
  detail: z.string(),
  instance: z.string().optional(),
  correlation_id: z.string().optional(),
  errors: z.array(fieldProblemSchema).optional().describe('offending fields of a validation error'),
});
export type Problem = z.infer<typeof problemSchema>;

/** A problem another instance of the API answered, passed on as it came (the MCP stdio server). */
export interface RelayedProblem {
  relayed: { status: number; code: string };
}

/**
 * A problem document: `type` and `title` follow from the code and its status. The gateway's
 * error handler, the actor host's caller guard and the sidecar-token check all answer with it.
 */
export function problemBody(
  problem: AnyProblemCode | RelayedProblem,
  detail: string,
  extras: { instance?: string; correlation_id?: string; errors?: FieldProblem[] } = {},
) {
  const { status, code } =
    typeof problem === 'string' ? { status: statusOf(problem), code: problem } : problem.relayed;
  return {
    type: `urn:todo-chatbot:problem:${code}`,
    title: (problemTitles as Record<number, string>)[status] ?? 'Error',
    status,
    code,
    detail,
    instance: extras.instance,
    correlation_id: extras.correlation_id,
    ...(extras.errors && extras.errors.length > 0 ? { errors: extras.errors } : {}),
  };
}
