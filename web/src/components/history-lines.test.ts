import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../schemas/audit.ts';
import { historyLine } from './history-lines.ts';

const entry = (event_type: string, data: unknown = {}): AuditEntry => ({
  event_id: 'e',
  event_type,
  topic: 'task-events',
  task_id: 't',
  version: 1,
  correlation_id: null,
  occurred_at: '2026-12-01T09:00:00Z',
  recorded_at: '2026-12-01T09:00:00Z',
  data,
});

describe('a line of a task’s history', () => {
  it('says what happened in words, naming the changed fields', () => {
    expect(historyLine(entry('task.created'))).toBe('Created');
    expect(historyLine(entry('task.updated', { changed: ['title', 'due_at'] }))).toBe(
      'Changed title, due date',
    );
    expect(historyLine(entry('task.skipped', { reason: 'missed' }))).toBe('Skipped (missed)');
    expect(historyLine(entry('task.deleted', { scope: 'series' }))).toBe(
      'Deleted, with the rest of its series',
    );
  });

  it('shows an event it does not know by its type, rather than hiding it', () => {
    expect(historyLine(entry('task.archived'))).toBe('task.archived');
  });
});
