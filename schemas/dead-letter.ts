import { z } from 'zod';

/**
 * What a subscriber puts on dlq-events when it gives up on a message: the message as it came,
 * why, and how often it was tried. (Dapr's own dead-lettering, the safety net behind this,
 * forwards the original CloudEvent alone.)
 */
export const deadLetterSchema = z.object({
  dead_letter_id: z.uuid(),
  reason: z.enum(['schema_mismatch', 'handler_failed']),
  error: z.string(),
  topic: z.string(),
  subscriber: z.string(),
  attempts: z.number().int().nonnegative(),
  failed_at: z.iso.datetime({ offset: true }),
  original: z.unknown(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;
