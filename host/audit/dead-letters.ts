import type { Db } from '../../db/database.ts';
import { deadLetterSchema } from '../../schemas/dead-letter.ts';

/**
 * JSON text PostgreSQL's jsonb accepts: jsonb refuses the NUL character, and a dead letter may be
 * poisoned by exactly that, so `\u0000` is kept as the six characters it is written with.
 */
export const jsonbText = (value: unknown): string =>
  JSON.stringify(value ?? null).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\\\u0000');

/** Stores whatever arrived on dlq-events, for inspection and replay. */
export async function recordDeadLetter(db: Db, data: unknown): Promise<void> {
  // Ours carry the reason; Dapr's own fallback forwards the original message alone.
  const letter = deadLetterSchema.safeParse(data);
  await db
    .insertInto('dead_letters')
    .values({
      reason: letter.success ? letter.data.reason : 'retries_exhausted',
      topic: letter.success ? letter.data.topic : null,
      subscriber: letter.success ? letter.data.subscriber : null,
      error: letter.success ? letter.data.error : null,
      payload: jsonbText(data),
    })
    .execute();
}
