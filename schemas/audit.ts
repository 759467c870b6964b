import { z } from 'zod';

export const auditEntrySchema = z.object({
  event_id: z.string(),
  event_type: z.string(),
  topic: z.string(),
  task_id: z.string().nullable(),
  version: z.number().int().nullable(),
  correlation_id: z.string().nullable(),
  occurred_at: z.string(),
  recorded_at: z.string(),
  data: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  next_cursor: z.string().nullable(),
});

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, 'must be the next_cursor of the previous page')
    .optional(),
});
