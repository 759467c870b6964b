import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type {
  TaskCountsQuery,
  TaskListQuery,
  TaskPage,
  TaskSort,
} from '../../schemas/task-query.ts';
import { taskViews, viewFilter, type TaskCounts } from '../../schemas/task-views.ts';
import type { Task } from '../../schemas/task.ts';
import { problem } from '../errors.ts';

/** Sort expressions, each matching a keyset index (user_id, expression, id) of task_view. */
const sortExpression: Record<TaskSort, ReturnType<typeof sql>> = {
  due: sql`coalesce(due_at, 'infinity'::timestamptz)`,
  priority: sql`priority_rank`,
  created: sql`created_at`,
  updated: sql`updated_at`,
  title: sql`lower(title)`,
};

interface Cursor {
  sort: TaskSort;
  order: 'asc' | 'desc';
  value: string | number;
  id: string;
}

const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(raw: string, query: TaskListQuery): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    if (cursor.sort === query.sort && cursor.order === query.order && typeof cursor.id === 'string')
      return cursor;
  } catch {
    // Falls through to the error below.
  }
  throw problem.invalid_cursor('the cursor is malformed or belongs to another sort order', [
    {
      path: 'cursor',
      message: 'pass the next_cursor of the previous page with the same sort and order',
    },
  ]);
}

/** `%` and `_` in a search text are literal characters, not patterns. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** The filters of a list query, without its paging and order. */
type TaskFilters = Partial<
  Pick<
    TaskListQuery,
    'status' | 'priority' | 'tags' | 'tags_mode' | 'due_from' | 'due_to' | 'overdue' | 'q'
  >
> & { has_recurrence?: boolean | undefined };

/** One user's live rows of the read model that pass the filters. */
function matching(db: Db, userId: string, query: TaskFilters, now: Date) {
  let select = db
    .selectFrom('task_view')
    .where('user_id', '=', userId)
    // Spelled exactly like the partial indexes' predicate, so the planner can use them.
    .where(sql<SqlBool>`not deleted`);

  if (query.status) select = select.where('status', 'in', query.status);
  if (query.priority) select = select.where('priority', 'in', query.priority);
  if (query.tags) {
    const tags = query.tags.map((tag: string) => tag.toLowerCase());
    const array = sql`${sql.val(tags)}::text[]`;
    select = select.where(
      query.tags_mode === 'all'
        ? sql<SqlBool>`tags_lower @> ${array}`
        : sql<SqlBool>`tags_lower && ${array}`,
    );
  }
  if (query.due_from) select = select.where(sql<SqlBool>`due_at >= ${query.due_from}::timestamptz`);
  if (query.due_to) select = select.where(sql<SqlBool>`due_at <= ${query.due_to}::timestamptz`);
  if (query.overdue !== undefined) {
    const overdue: Expression<SqlBool> = sql<SqlBool>`(due_at < ${now.toISOString()}::timestamptz and status not in ('completed', 'skipped'))`;
    select = select.where(query.overdue ? overdue : sql<SqlBool>`not coalesce(${overdue}, false)`);
  }
  if (query.has_recurrence !== undefined)
    select = select.where('has_recurrence', '=', query.has_recurrence);
  if (query.q) {
    // Matches are found first, through the text and trigram indexes (OFFSET 0 keeps the planner
    // from folding this into a walk along the sort index, which is slow when matches are rare).
    const pattern = likePattern(query.q);
    select = select.where(
      sql<SqlBool>`id in (select id from task_view where user_id = ${userId} and not deleted and (search @@ websearch_to_tsquery('simple', ${query.q}) or title ilike ${pattern} or description ilike ${pattern}) offset 0)`,
    );
  }
  return select;
}

/**
 * How many of the user's tasks each view holds, with the same search and filters narrowing
 * every view. One count per view; each runs on the user's own rows through their indexes.
 */
export async function countTaskViews(
  db: Db,
  userId: string,
  query: TaskCountsQuery,
  timeZone: string,
  now = new Date(),
): Promise<TaskCounts> {
  const counts = await Promise.all(
    taskViews.map(async (view) => {
      const row = await matching(db, userId, { ...query, ...viewFilter(view, now, timeZone) }, now)
        .select(sql<string>`count(*)`.as('count'))
        .executeTakeFirstOrThrow();
      return [view, Number(row.count)] as const;
    }),
  );
  return Object.fromEntries(counts) as TaskCounts;
}

/** A row of `taskSearchQuery`: the task, and its id and sort value for the next cursor. */
export interface TaskSearchRow {
  id: string;
  task: Task;
  sort_value: unknown;
}

/**
 * The query of one page of one user's tasks from the read model: filters, the keyset condition of
 * the cursor, the order, and one row more than the page, which tells whether another follows.
 * The user id is part of every query; there is no way to ask for another user's rows.
 */
export function taskSearchQuery(db: Db, userId: string, query: TaskListQuery, now = new Date()) {
  const sortBy = sortExpression[query.sort];
  const direction = query.order === 'asc' ? sql`asc` : sql`desc`;
  let select = matching(db, userId, query, now).select([
    'id',
    'task',
    sql<string | number>`${sortBy}`.as('sort_value'),
  ]);

  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, query);
    const comparison = query.order === 'asc' ? sql`>` : sql`<`;
    const value =
      query.sort === 'priority'
        ? sql`${Number(cursor.value)}::smallint`
        : query.sort === 'title'
          ? sql`${String(cursor.value)}`
          : sql`${String(cursor.value)}::timestamptz`;
    select = select.where(sql<SqlBool>`(${sortBy}, id) ${comparison} (${value}, ${cursor.id})`);
  }

  return select
    .orderBy(sql`${sortBy} ${direction}`)
    .orderBy(sql`id ${direction}`)
    .limit(query.limit + 1)
    .offset(query.offset ?? 0);
}

/** The page the rows of `taskSearchQuery` make, with the cursor of the next one if there is one. */
export function pageOf(
  rows: readonly TaskSearchRow[],
  query: Pick<TaskListQuery, 'sort' | 'order' | 'limit'>,
): TaskPage {
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  // Timestamps come back as Dates, and 'infinity' (a task without due date) as Infinity.
  const sortValue = (value: unknown): string | number => {
    if (value instanceof Date) return value.toISOString();
    if (value === Infinity) return 'infinity';
    return value as string | number;
  };
  return {
    items: page.map((row) => row.task),
    next_cursor:
      rows.length > query.limit && last
        ? encodeCursor({
            sort: query.sort,
            order: query.order,
            value: sortValue(last.sort_value),
            id: last.id,
          })
        : null,
  };
}

/** Lists and searches one user's tasks from the read model, a page at a time. */
export async function searchTasks(
  db: Db,
  userId: string,
  query: TaskListQuery,
  now = new Date(),
): Promise<TaskPage> {
  return pageOf(await taskSearchQuery(db, userId, query, now).execute(), query);
}
