import type { AuditEntry } from '../../../schemas/audit.ts';

/** Field names as a person reads them. */
const fieldNames: Record<string, string> = {
  due_at: 'due date',
  time_zone: 'time zone',
  recurrence: 'repeat rule',
};

const fields = (changed: unknown): string =>
  Array.isArray(changed) && changed.length
    ? changed.map((name: string) => fieldNames[name] ?? name).join(', ')
    : 'nothing';

/** One line of a task's history: what happened, in words ("Changed title, due date"). */
export function historyLine(entry: AuditEntry): string {
  const data = (entry.data ?? {}) as {
    changed?: unknown;
    reason?: string;
    scope?: string;
    reminder?: { snoozed_until?: string | null };
  };
  switch (entry.event_type) {
    case 'task.created':
      return 'Created';
    case 'task.updated':
      return `Changed ${fields(data.changed)}`;
    case 'task.completed':
      return 'Completed';
    case 'task.reopened':
      return 'Reopened';
    case 'task.deleted':
      return data.scope === 'series' ? 'Deleted, with the rest of its series' : 'Deleted';
    case 'task.occurrence_created':
      return 'Created as the next occurrence of its series';
    case 'task.series_advanced':
      return 'Due time passed; the series moved on';
    case 'task.skipped':
      return data.reason === 'missed' ? 'Skipped (missed)' : 'Skipped';
    case 'reminder.due':
      return 'Reminder sent';
    case 'reminder.snoozed':
      return 'Reminder snoozed';
    default:
      return entry.event_type;
  }
}
