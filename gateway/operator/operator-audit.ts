import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { InspectedSubject } from '../../schemas/operator.ts';

export const OPERATOR_INSPECTED = 'operator.inspected';

export type { InspectedSubject };

/**
 * Writes an operator's access to the audit log, under the operator's own user id (the owner's
 * history and audit trail stay the owner's events only). Written before the read: an access that
 * cannot be recorded does not happen. The row names what was looked at, never what was seen.
 */
export async function recordOperatorAccess(
  db: Db,
  access: { operatorId: string; correlationId: string; subject: InspectedSubject },
): Promise<void> {
  const now = new Date();
  await db
    .insertInto('audit_log')
    .values({
      event_id: randomUUID(),
      event_type: OPERATOR_INSPECTED,
      // Not a Kafka topic: the gateway writes these rows itself.
      topic: 'operator',
      user_id: access.operatorId,
      task_id: null,
      version: null,
      correlation_id: access.correlationId,
      payload: JSON.stringify({ data: access.subject }),
      occurred_at: now,
    })
    .execute();
}
