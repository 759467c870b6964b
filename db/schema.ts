import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { ConversationState, ExecutedToolCall } from '../schemas/chat.ts';
import type { EventEnvelope } from '../schemas/events.ts';
import type { ActiveActors, InspectedSubject } from '../schemas/operator.ts';
import type { Task } from '../schemas/task.ts';

/*
 * The jsonb columns read as the contracts' types (JSONColumnType: the driver parses them on the
 * way out). They are written as JSON text: node-postgres would send a JavaScript array as a
 * PostgreSQL array, not as JSON.
 */

/** Any JSON value: what a jsonb column holds when nothing vouches for its shape. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * An audit_log row's payload: the event itself (host/audit/audit-log.ts), or an operator's access,
 * whose `data` names what was looked at (gateway/operator/operator-audit.ts).
 */
export type AuditPayload = EventEnvelope | { data: InspectedSubject };

/** Tables owned by the projections and the gateway's accounts. Actor state is Dapr's `state` table. */
export interface AuditLogTable {
  id: Generated<string>;
  event_id: string;
  event_type: string;
  topic: string;
  user_id: string;
  task_id: string | null;
  version: number | null;
  correlation_id: string | null;
  payload: JSONColumnType<AuditPayload>;
  occurred_at: ColumnType<Date, string | Date, never>;
  recorded_at: ColumnType<Date, string | Date | undefined, never>;
}

export interface TaskViewTable {
  id: string;
  user_id: string;
  version: number;
  deleted: boolean;
  title: string;
  description: string;
  status: string;
  priority: string;
  priority_rank: number;
  tags: string[];
  tags_lower: string[];
  due_at: ColumnType<Date | null, string | null, string | null>;
  has_recurrence: boolean;
  series_id: string | null;
  created_at: ColumnType<Date, string, string>;
  updated_at: ColumnType<Date, string, string>;
  completed_at: ColumnType<Date | null, string | null, string | null>;
  task: JSONColumnType<Task>;
  last_event_id: string;
  projected_at: ColumnType<Date, string | undefined, string | undefined>;
  search: ColumnType<unknown, never, never>;
}

export interface AccountsTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: ColumnType<Date, string | undefined, never>;
}

export interface RefreshTokensTable {
  token_hash: string;
  account_id: string;
  /** One per log-in; every token a refresh issues stays in it (migration 0009). */
  family_id: string;
  expires_at: ColumnType<Date, string, string>;
  /** Set when the token was exchanged; presenting it again ends the family. */
  used_at: ColumnType<Date | null, string | undefined, string | null>;
  created_at: ColumnType<Date, string | undefined, never>;
}

export interface NotificationHistoryTable {
  event_id: string;
  user_id: string;
  task_id: string;
  status: 'sending' | 'sent' | 'skipped';
  detail: string | null;
  claimed_by: string;
  claimed_at: ColumnType<Date, string | undefined, string>;
  sent_at: ColumnType<Date | null, string | null | undefined, string | null>;
  message_id: string | null;
}

export interface DeadLettersTable {
  id: Generated<string>;
  reason: string | null;
  topic: string | null;
  subscriber: string | null;
  error: string | null;
  /** Whatever arrived on dlq-events: any JSON at all, a bare string or number too. */
  payload: ColumnType<JsonValue, string, string>;
  received_at: ColumnType<Date, string | undefined, never>;
  replayed_at: ColumnType<Date | null, string | undefined, string>;
}

export interface ConversationsTable {
  id: string;
  user_id: string;
  state: JSONColumnType<ConversationState>;
  created_at: ColumnType<Date, string | undefined, never>;
  updated_at: ColumnType<Date, string | undefined, string>;
}

export interface ChatMessagesTable {
  id: Generated<string>;
  conversation_id: string;
  role: string;
  content: string;
  tool_calls: JSONColumnType<ExecutedToolCall[]> | null;
  created_at: ColumnType<Date, string | undefined, never>;
}

export interface UserCountersTable {
  user_id: string;
  tasks_created: ColumnType<number, number | undefined, number>;
  tasks_completed: ColumnType<number, number | undefined, number>;
  tasks_deleted: ColumnType<number, number | undefined, number>;
  tasks_skipped: ColumnType<number, number | undefined, number>;
}

export interface VerificationMailsTable {
  id: string;
  user_id: string;
  email: string;
  status: ColumnType<'pending' | 'sending' | 'sent' | 'skipped', 'pending' | undefined, string>;
  detail: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  requested_at: ColumnType<Date, string | undefined, never>;
  claimed_by: string | null;
  claimed_at: ColumnType<Date | null, string | undefined, string>;
  sent_at: ColumnType<Date | null, string | undefined, string>;
  message_id: string | null;
}

export interface MailDailyCountsTable {
  user_id: string;
  day: ColumnType<Date, string, never>;
  sent: number;
}

/** An actor host replica's latest report of itself (migration 0012). */
export interface ActorHostsTable {
  instance: string;
  app_id: string;
  active_actors: JSONColumnType<ActiveActors>;
  started_at: ColumnType<Date, string | Date, string | Date>;
  reported_at: ColumnType<Date, string | Date, string | Date>;
}

export interface Database {
  audit_log: AuditLogTable;
  task_view: TaskViewTable;
  accounts: AccountsTable;
  refresh_tokens: RefreshTokensTable;
  notification_history: NotificationHistoryTable;
  dead_letters: DeadLettersTable;
  conversations: ConversationsTable;
  chat_messages: ChatMessagesTable;
  user_counters: UserCountersTable;
  verification_mails: VerificationMailsTable;
  mail_daily_counts: MailDailyCountsTable;
  actor_hosts: ActorHostsTable;
}
