import { Router } from 'express';
import type { Db } from '../../db/database.ts';
import type { AuditPayload } from '../../db/schema.ts';
import { auditQuerySchema, type AuditEntry } from '../../schemas/audit.ts';
import { taskIdSchema } from '../../schemas/task.ts';
import { problem } from '../errors.ts';
import { userOf } from '../middleware/authenticate.ts';
import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import type { TaskService } from '../services/task-service.ts';

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
  const taskHistory = Router();
  taskHistory.get('/:id/history', async (request, response) => {
    const id = taskIdSchema.safeParse(request.params.id);
    if (!id.success) throw problem.task_not_found('task not found');
    // The task's own actor decides whether it exists (is the caller's, is not deleted): a deleted
    // task has no history here any more; the caller's /audit still lists its events.
    await tasks.get(userOf(request), id.data);
    const rows = await db
      .selectFrom('audit_log')
      .select(columns)
      .where('task_id', '=', id.data)
      .where('user_id', '=', userOf(request))
      .orderBy('version', 'asc')
      .orderBy('occurred_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    response.json({ items: rows.map(toEntry) });
  });

  const audit = Router();
  audit.get('/', async (request, response) => {
    const query = auditQuerySchema.parse(request.query);
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
  return { taskHistory: rejectOtherMethods(taskHistory), audit: rejectOtherMethods(audit) };
}
