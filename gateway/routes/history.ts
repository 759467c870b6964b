import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { AuditPayload } from '../../db/schema.ts';
import {
  auditEntrySchema,
  auditPageSchema,
  auditQuerySchema,
  type AuditEntry,
} from '../../schemas/audit.ts';
import { operation, operationsRouter } from '../http/operation.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { TaskService } from '../services/task-service.ts';
import { taskIdParam } from './tasks.ts';

export const taskHistorySchema = z.object({ items: z.array(auditEntrySchema) });

export const taskHistory = operation({
  method: 'get',
  path: '/tasks/{id}/history',
  operationId: 'taskHistory',
  tags: ['audit'],
  description: 'Every event of the task, in version order, once each.',
  params: taskIdParam,
  responses: { 200: { description: 'The task’s events', body: taskHistorySchema } },
  problems: ['task_not_found'],
});

export const listAudit = operation({
  method: 'get',
  path: '/audit',
  operationId: 'listAudit',
  tags: ['audit'],
  description: 'Your own events, newest first, with keyset pagination.',
  query: auditQuerySchema,
  responses: { 200: { description: 'A page of events', body: auditPageSchema } },
});

export const historyOperations = [taskHistory, listAudit];

const columns = [
  'id',
  'event_id',
  'event_type',
  'topic',
  'task_id',
  'version',
  'correlation_id',
  'occurred_at',
  'recorded_at',
  'payload',
] as const;

type AuditRow = {
  id: string;
  event_id: string;
  event_type: string;
  topic: string;
  task_id: string | null;
  version: number | null;
  correlation_id: string | null;
  occurred_at: Date;
  recorded_at: Date;
  payload: AuditPayload;
};

const toEntry = (row: AuditRow): AuditEntry => ({
  event_id: row.event_id,
  event_type: row.event_type,
  topic: row.topic,
  task_id: row.task_id,
  version: row.version,
  correlation_id: row.correlation_id,
  occurred_at: row.occurred_at.toISOString(),
  recorded_at: row.recorded_at.toISOString(),
  data: row.payload.data,
});

/** A task's history and the caller's own audit trail, from the audit log. Always the caller's rows only. */
export function historyRouter(db: Db, tasks: TaskService): { taskHistory: Router; audit: Router } {
  const history = operationsRouter('/tasks');
  history.on(taskHistory, async ({ params }, request, response) => {
    // The task's own actor decides whether it exists (is the caller's, is not deleted): a deleted
    // task has no history here any more; the caller's /audit still lists its events.
    await tasks.get(userOf(request), params.id);
    const rows = await db
      .selectFrom('audit_log')
      .select(columns)
      .where('task_id', '=', params.id)
      .where('user_id', '=', userOf(request))
      .orderBy('version', 'asc')
      .orderBy('occurred_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    response.json({ items: rows.map(toEntry) });
  });

  const audit = operationsRouter('/audit');
  audit.on(listAudit, async ({ query }, request, response) => {
    let select = db.selectFrom('audit_log').select(columns).where('user_id', '=', userOf(request));
    if (query.cursor) select = select.where('id', '<', query.cursor);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    response.json({
      items: page.map(toEntry),
      next_cursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
    });
  });
  return { taskHistory: history.router(), audit: audit.router() };
}
