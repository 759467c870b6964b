import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Tables owned by the projections (never by the gateway). Actor state is Dapr's `state` table. */
export interface AuditLogTable {
  id: Generated<string>;
  event_id: string;
  event_type: string;
  topic: string;
  user_id: string;
  task_id: string | null;
  version: number | null;
  correlation_id: string | null;
  payload: JSONColumnType<Record<string, unknown>>;
  occurred_at: ColumnType<Date, string | Date, never>;
  recorded_at: ColumnType<Date, string | Date | undefined, never>;
}

export interface Database {
  audit_log: AuditLogTable;
}
