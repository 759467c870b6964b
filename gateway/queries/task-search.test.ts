import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema.ts';
import {
  resolveTaskListQuery,
  taskListQuerySchema,
  type TaskListQuery,
} from '../../schemas/task-query.ts';
import { taskSnapshot } from '../../tests/support/fixtures.ts';
import { ApiError } from '../errors.ts';
import { pageOf, taskSearchQuery, type TaskSearchRow } from './task-search.ts';

// Compiles with the PostgreSQL dialect and never connects: the tests read the SQL it would send.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const user = 'user-1';
const now = new Date('2026-12-01T12:00:00.000Z');

/** A list query as the route makes it from query parameters (zone UTC). */
const listQuery = async (parameters: Record<string, string | string[]>): Promise<TaskListQuery> =>
  resolveTaskListQuery(taskListQuerySchema.parse(parameters), async () => 'UTC', now);

const literal = (value: unknown): string =>
  typeof value === 'string' ? `'${value}'` : JSON.stringify(value);

/** The SQL with its parameters in place, to read and assert on as one text. */
const inline = ({ sql, parameters }: CompiledQuery): string =>
  sql.replace(/\$(\d+)/g, (_, index: string) => literal(parameters[Number(index) - 1]));

const sqlOf = async (parameters: Record<string, string | string[]> = {}) =>
  inline(taskSearchQuery(db, user, await listQuery(parameters), now).compile());

/** Rows as the database answers: the task, its id and its sort value. */
const rowsOf = (sortValues: unknown[]): TaskSearchRow[] =>
  sortValues.map((sortValue, index) => {
    const id = `00000000-0000-4000-8000-00000000000${index}`;
    return { id, task: taskSnapshot({ id, user_id: user }), sort_value: sortValue };
  });

describe('the task search query', () => {
  it('reads only the caller’s live rows, by due date, one row more than the page', async () => {
    const compiled = taskSearchQuery(db, user, await listQuery({}), now).compile();
    expect(compiled.sql).toBe(
      'select "id", "task", coalesce(due_at, \'infinity\'::timestamptz) as "sort_value" ' +
        'from "task_view" where "user_id" = $1 and not deleted ' +
        "order by coalesce(due_at, 'infinity'::timestamptz) asc, id asc limit $2 offset $3",
    );
    expect(compiled.parameters).toEqual([user, 21, 0]);
  });

  it('keeps the user condition when every filter is given', async () => {
    const text = await sqlOf({ status: 'pending', q: 'milk', tags: 'home', overdue: 'true' });
    expect(text).toContain(`where "user_id" = '${user}' and not deleted and`);
    // The search's own subquery is bound to the user too.
    expect(text).toContain(`select id from task_view where user_id = '${user}' and not deleted`);
  });

  describe('filters', () => {
    it('status and priority: any of the values given', async () => {
      const text = await sqlOf({ status: 'pending,in_progress', priority: ['high', 'urgent'] });
      expect(text).toContain(`"status" in ('pending', 'in_progress')`);
      expect(text).toContain(`"priority" in ('high', 'urgent')`);
    });

    it('tags: any of them by default, all of them when asked, case-insensitively', async () => {
      expect(await sqlOf({ tags: 'Home,WORK' })).toContain(`tags_lower && ["home","work"]::text[]`);
      expect(await sqlOf({ tags: 'Home,WORK', tags_mode: 'all' })).toContain(
        `tags_lower @> ["home","work"]::text[]`,
      );
    });

    it('due bounds: inclusive instants, a plain date as the end of that whole day', async () => {
      const text = await sqlOf({
        due_from: '2026-12-01T00:00:00Z',
        due_to: '2026-12-02',
      });
      expect(text).toContain(`due_at >= '2026-12-01T00:00:00.000Z'::timestamptz`);
      expect(text).toContain(`due_at <= '2026-12-02T23:59:59.999Z'::timestamptz`);
    });

    it('overdue: due before now and not closed, or its exact complement', async () => {
      const overdue = `(due_at < '${now.toISOString()}'::timestamptz and status not in ('completed', 'skipped'))`;
      expect(await sqlOf({ overdue: 'true' })).toContain(`and ${overdue}`);
      // A task without due date is "not overdue": coalesce turns its null into false.
      expect(await sqlOf({ overdue: 'false' })).toContain(`and not coalesce(${overdue}, false)`);
    });

    it('has_recurrence: a plain boolean column', async () => {
      expect(await sqlOf({ has_recurrence: '1' })).toContain(`"has_recurrence" = true`);
      expect(await sqlOf({ has_recurrence: 'false' })).toContain(`"has_recurrence" = false`);
    });

    it('q: full text, and title or description containing it with % and _ taken literally', async () => {
      const text = await sqlOf({ q: '50%_off\\' });
      expect(text).toContain(`search @@ websearch_to_tsquery('simple', '50%_off\\')`);
      expect(text).toContain(`title ilike '%50\\%\\_off\\\\%'`);
      expect(text).toContain(`description ilike '%50\\%\\_off\\\\%'`);
      // OFFSET 0 keeps the planner from walking the sort index (see task-search.ts).
      expect(text).toMatch(/\) offset 0\)/);
    });

    it('a view sets its own filters (overdue: due before now, open)', async () => {
      const text = await sqlOf({ view: 'overdue' });
      expect(text).toContain(`'${now.toISOString()}'::timestamptz`);
      expect(text).toContain(`"status" in (`);
    });

    it('no filter given: no condition beyond the user’s live rows', async () => {
      expect(await sqlOf({})).toMatch(/where "user_id" = 'user-1' and not deleted order by/);
    });
  });

  describe('sorts', () => {
    it.each([
      ['due', `coalesce(due_at, 'infinity'::timestamptz)`],
      ['priority', 'priority_rank'],
      ['created', 'created_at'],
      ['updated', 'updated_at'],
      ['title', 'lower(title)'],
    ])('%s orders by %s, then id, in the direction asked', async (sort, expression) => {
      expect(await sqlOf({ sort, order: 'asc' })).toContain(
        `order by ${expression} asc, id asc limit`,
      );
      expect(await sqlOf({ sort, order: 'desc' })).toContain(
        `order by ${expression} desc, id desc limit`,
      );
      expect(await sqlOf({ sort })).toContain(`${expression} as "sort_value"`);
    });

    it('takes the seed plan’s names for sort and order', async () => {
      expect(await sqlOf({ sort_by: 'created_at', sort_order: 'desc' })).toContain(
        'order by created_at desc, id desc',
      );
    });

    it('the completed view lists what was closed last first', async () => {
      expect(await sqlOf({ view: 'completed' })).toContain('order by updated_at desc, id desc');
    });
  });

  describe('paging', () => {
    it('asks for limit + 1 rows from the offset', async () => {
      expect(await sqlOf({ limit: '5', offset: '40' })).toMatch(/limit 6 offset 40$/);
      expect(await sqlOf({ limit: '100' })).toMatch(/limit 101 offset 0$/);
    });

    it('a page of limit rows with one more behind it gets a cursor; the last page does not', async () => {
      const query = await listQuery({ limit: '2' });
      const rows = rowsOf([new Date('2026-12-01T09:00:00Z'), new Date('2026-12-02T09:00:00Z')]);
      expect(pageOf(rows, query)).toEqual({
        items: rows.map((row) => row.task),
        next_cursor: null,
      });
      const more = rowsOf([...rows.map((row) => row.sort_value), new Date('2026-12-03T09:00:00Z')]);
      const page = pageOf(more, query);
      expect(page.items).toEqual(more.slice(0, 2).map((row) => row.task));
      expect(page.next_cursor).toEqual(expect.any(String));
    });

    it('the next page starts after the last row of this one (keyset), ascending', async () => {
      const first = await listQuery({ limit: '2' });
      const rows = rowsOf([
        new Date('2026-12-01T09:00:00Z'),
        new Date('2026-12-02T09:00:00Z'),
        new Date('2026-12-03T09:00:00Z'),
      ]);
      const cursor = pageOf(rows, first).next_cursor!;
      const text = await sqlOf({ limit: '2', cursor });
      expect(text).toContain(
        `and (coalesce(due_at, 'infinity'::timestamptz), id) > ('2026-12-02T09:00:00.000Z'::timestamptz, '${rows[1]!.id}')`,
      );
    });

    it('descending, the next page has the smaller values', async () => {
      const first = await listQuery({ sort: 'updated', order: 'desc', limit: '1' });
      const rows = rowsOf([new Date('2026-12-02T09:00:00Z'), new Date('2026-12-01T09:00:00Z')]);
      const cursor = pageOf(rows, first).next_cursor!;
      expect(await sqlOf({ sort: 'updated', order: 'desc', limit: '1', cursor })).toContain(
        `(updated_at, id) < ('2026-12-02T09:00:00.000Z'::timestamptz, '${rows[0]!.id}')`,
      );
    });

    it('a task without due date ends the due order: its cursor carries infinity', async () => {
      const first = await listQuery({ limit: '1' });
      const cursor = pageOf(rowsOf([Infinity, Infinity]), first).next_cursor!;
      expect(await sqlOf({ limit: '1', cursor })).toContain(`> ('infinity'::timestamptz, `);
    });

    it('priority compares as the small integer rank, title as the lower-cased text', async () => {
      const byPriority = await listQuery({ sort: 'priority', limit: '1' });
      const priorityCursor = pageOf(rowsOf([3, 2]), byPriority).next_cursor!;
      expect(await sqlOf({ sort: 'priority', limit: '1', cursor: priorityCursor })).toContain(
        '(priority_rank, id) > (3::smallint, ',
      );
      const byTitle = await listQuery({ sort: 'title', limit: '1' });
      const titleCursor = pageOf(rowsOf(['buy milk', 'call mum']), byTitle).next_cursor!;
      expect(await sqlOf({ sort: 'title', limit: '1', cursor: titleCursor })).toContain(
        `(lower(title), id) > ('buy milk', `,
      );
    });
  });

  describe('invalid input', () => {
    const refusal = async (parameters: Record<string, string>) => {
      try {
        await sqlOf(parameters);
      } catch (error) {
        if (error instanceof ApiError) return { status: error.status, code: error.code };
        throw error;
      }
      return 'accepted';
    };
    const invalidCursor = { status: 400, code: 'invalid_cursor' };
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it('refuses a cursor that is not one of ours', async () => {
      expect(await refusal({ cursor: 'garbage' })).toEqual(invalidCursor);
      expect(await refusal({ cursor: encode('just a string') })).toEqual(invalidCursor);
      expect(await refusal({ cursor: encode({ sort: 'due', order: 'asc', value: 1 }) })).toEqual(
        invalidCursor,
      );
    });

    it('refuses the cursor of another sort or order', async () => {
      const cursor = encode({ sort: 'due', order: 'asc', value: 'infinity', id: 'x' });
      expect(await refusal({ cursor })).toBe('accepted');
      expect(await refusal({ cursor, order: 'desc' })).toEqual(invalidCursor);
      expect(await refusal({ cursor, sort: 'title' })).toEqual(invalidCursor);
    });
  });
});

describe('the bounds of a list query', () => {
  const accepts = (parameters: Record<string, string | string[]>) =>
    taskListQuerySchema.safeParse(parameters).success;

  it('pages of 1 to 100 tasks, 20 by default', () => {
    expect(taskListQuerySchema.parse({}).limit).toBe(20);
    expect(accepts({ limit: '1' })).toBe(true);
    expect(accepts({ limit: '100' })).toBe(true);
    for (const limit of ['0', '101', '-1', '2.5', 'ten'])
      expect(accepts({ limit }), limit).toBe(false);
  });

  it('an offset up to 10 000, and never together with a cursor', () => {
    expect(accepts({ offset: '10000' })).toBe(true);
    expect(accepts({ offset: '10001' })).toBe(false);
    expect(accepts({ offset: '-1' })).toBe(false);
    expect(accepts({ offset: '20', cursor: 'abc' })).toBe(false);
  });

  it('bounded texts and lists', () => {
    expect(accepts({ cursor: 'c'.repeat(500) })).toBe(true);
    expect(accepts({ cursor: 'c'.repeat(501) })).toBe(false);
    expect(accepts({ q: 'q'.repeat(200) })).toBe(true);
    expect(accepts({ q: 'q'.repeat(201) })).toBe(false);
    expect(accepts({ tags: Array.from({ length: 20 }, (_, i) => `t${i}`) })).toBe(true);
    expect(accepts({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).toBe(false);
  });

  it('refuses unknown parameters, sorts and values', () => {
    expect(accepts({ sort: 'random' })).toBe(false);
    expect(accepts({ order: 'up' })).toBe(false);
    expect(accepts({ status: 'done' })).toBe(false);
    expect(accepts({ user_id: 'someone-else' })).toBe(false);
  });
});
