import { z } from 'zod';
import { textSchema } from './text.ts';
import { dateBoundSchema, resolveDateBound } from './date-bound.ts';
import { taskPrioritySchema, taskSchema, taskStatusSchema } from './task.ts';
import { taskViewSchema, viewFilter } from './task-views.ts';

const queryLists = new WeakMap<
  z.ZodType,
  { item: z.ZodType; bounds: { minItems: number; maxItems: number } }
>();

/** A query parameter given once, repeated, or comma-separated: `?status=a,b` = `?status=a&status=b`. */
const list = <T extends z.ZodType<unknown, string>>(item: T) => {
  const bounds = { minItems: 1, maxItems: 20 };
  const schema = z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(bounds.minItems).max(bounds.maxItems));
  queryLists.set(schema, { item, bounds });
  return schema;
};

/**
 * The item and bounds of a list parameter (the OpenAPI document states it as a comma-separated
 * array, `style: form, explode: false`); undefined for any other parameter.
 */
export function queryListItemOf(schema: z.ZodType) {
  let inner = schema;
  while (['optional', 'default'].includes(inner._zod.def.type))
    inner = (inner._zod.def as unknown as { innerType: z.ZodType }).innerType;
  return queryLists.get(inner);
}

const booleanParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export const taskSortSchema = z.enum(['due', 'priority', 'created', 'updated', 'title']);
export type TaskSort = z.infer<typeof taskSortSchema>;

/** The seed plan's names for the same sorts. */
const sortAliases = {
  due_date: 'due',
  due_at: 'due',
  created_at: 'created',
  updated_at: 'updated',
} as const satisfies Record<string, TaskSort>;
const sortParam = z
  .enum([...taskSortSchema.options, ...(Object.keys(sortAliases) as (keyof typeof sortAliases)[])])
  .transform((value): TaskSort =>
    value in sortAliases ? sortAliases[value as keyof typeof sortAliases] : (value as TaskSort),
  );

/**
 * List and search parameters. The seed plan's names (due_date_start, due_date_end, search,
 * sort_by, sort_order, offset) are accepted too, and so are its naive date-times and plain
 * dates as due bounds, so its clients work unchanged.
 */
export const taskListQueryShape = {
  status: list(taskStatusSchema),
  priority: list(taskPrioritySchema),
  tags: list(textSchema().min(1).max(50)),
  tags_mode: z.enum(['any', 'all']),
  due_from: dateBoundSchema,
  due_to: dateBoundSchema,
  due_date_start: dateBoundSchema,
  due_date_end: dateBoundSchema,
  overdue: booleanParam,
  has_recurrence: booleanParam,
  view: taskViewSchema,
  q: textSchema().trim().min(1).max(200).regex(/\S/, 'must not be blank'),
  search: textSchema().trim().min(1).max(200).regex(/\S/, 'must not be blank'),
  sort: sortParam,
  sort_by: sortParam,
  order: z.enum(['asc', 'desc']),
  sort_order: z.enum(['asc', 'desc']),
  limit: z.coerce.number().int().min(1).max(100),
  cursor: z.string().max(500),
  offset: z.coerce.number().int().min(0).max(10_000),
};

export const taskListQuerySchema = z
  .strictObject(taskListQueryShape)
  .partial()
  .transform(({ due_date_start, due_date_end, search, sort_by, sort_order, ...query }) => ({
    ...query,
    due_from: query.due_from ?? due_date_start,
    due_to: query.due_to ?? due_date_end,
    q: query.q ?? search,
    // What was closed last comes first in the completed view, unless another order is asked.
    sort: query.sort ?? sort_by ?? (query.view === 'completed' ? 'updated' : 'due'),
    order: query.order ?? sort_order ?? (query.view === 'completed' ? 'desc' : 'asc'),
    limit: query.limit ?? 20,
    tags_mode: query.tags_mode ?? 'any',
  }))
  .refine((query) => !(query.cursor && query.offset), {
    message: 'use cursor or offset, not both',
    path: ['cursor'],
  })
  .superRefine((query, context) => {
    if (!query.view || query.view === 'all') return;
    for (const key of ['status', 'due_from', 'due_to', 'overdue'] as const)
      if (query[key] !== undefined)
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `the ${query.view} view sets ${key} itself; leave it out or use view=all`,
        });
  });
/** The parameters as parsed: due bounds may still need the caller's zone. */
export type TaskListRequest = z.infer<typeof taskListQuerySchema>;

/** A list query as the read model runs it: due bounds are instants, the view is resolved. */
export type TaskListQuery = Omit<TaskListRequest, 'due_from' | 'due_to' | 'view'> & {
  due_from?: string | undefined;
  due_to?: string | undefined;
};

/**
 * Turns the due bounds into instants. The caller's zone is asked for only when a bound has no
 * offset (`timeZone` reads the profile: not every list should cost an actor call).
 */
export async function resolveTaskListQuery(
  { due_from, due_to, view, ...request }: TaskListRequest,
  timeZone: () => Promise<string>,
  now = new Date(),
): Promise<TaskListQuery> {
  const local =
    [due_from, due_to].some((bound) => bound && bound.kind !== 'instant') ||
    (view !== undefined && view !== 'all');
  const zone = local ? await timeZone() : 'UTC';
  return {
    ...request,
    due_from: due_from && resolveDateBound(due_from, 'start', zone),
    due_to: due_to && resolveDateBound(due_to, 'end', zone),
    // The schema refuses a view together with the fields it sets: nothing is overwritten here.
    ...(view ? viewFilter(view, now, zone) : {}),
  };
}

/** `GET /tasks/counts`: the filters that narrow every view alike (search, priority, tags). */
export const taskCountsQuerySchema = z
  .strictObject({
    q: taskListQueryShape.q,
    priority: taskListQueryShape.priority,
    tags: taskListQueryShape.tags,
    tags_mode: taskListQueryShape.tags_mode,
  })
  .partial()
  .transform((query) => ({ ...query, tags_mode: query.tags_mode ?? 'any' }));
export type TaskCountsQuery = z.infer<typeof taskCountsQuerySchema>;

export const taskPageSchema = z.object({
  items: z.array(taskSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type TaskPage = z.infer<typeof taskPageSchema>;
