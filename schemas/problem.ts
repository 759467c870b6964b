import { z } from 'zod';

/** RFC 9457 problem details, as every error of the API is answered. */
export const problemSchema = z.object({
  type: z.string().describe('urn:todo-chatbot:problem:<code>'),
  title: z.string(),
  status: z.number().int(),
  code: z.string().describe('stable, machine-readable error code'),
  detail: z.string(),
  instance: z.string().optional(),
  correlation_id: z.string().optional(),
  errors: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .describe('offending fields of a validation error'),
});
