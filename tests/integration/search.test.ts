import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../schemas/task.ts';
import { apiAs } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

type Api = Awaited<ReturnType<typeof apiAs>>;
let api: Api;
const ids: Record<string, string> = {};

const fixtures = [
  {
    key: 'milk',
    title: 'Buy milk',
    description: 'semi-skimmed',
    priority: 'low',
    tags: ['Home', 'shopping'],
    due_at: '2026-01-10T09:00:00Z',
  },
  {
    key: 'report',
    title: 'Quarterly report',
    description: 'numbers for the board',
    priority: 'urgent',
    tags: ['work'],
    due_at: '2026-01-05T17:00:00Z',
  },
  {
    key: 'dentist',
    title: 'Call the dentist',
    description: '',
    priority: 'high',
    tags: ['health', 'home'],
    due_at: '2099-03-01T08:00:00Z',
  },
  {
    key: 'plants',
    title: 'Water plants',
    description: 'balcony and kitchen',
    priority: 'medium',
    tags: ['home'],
    due_at: '2099-01-01T07:00:00Z',
    recurrence: { frequency: 'weekly' },
  },
  {
    key: 'someday',
    title: 'Learn the cello',
    description: '100% someday_maybe',
    priority: 'low',
    tags: [],
  },
] as const;

async function list(query: string): Promise<{ items: Task[]; next_cursor: string | null }> {
  const response = await api.get(`/tasks${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as unknown as { items: Task[]; next_cursor: string | null };
}
const keysOf = (items: Task[]) =>
  items.map((task) => Object.entries(ids).find(([, id]) => id === task.id)?.[0]);

beforeAll(async () => {
  api = await apiAs(`search-${randomUUID()}`);
  for (const { key, ...input } of fixtures) {
    const response = await api.post('/tasks', input);
    expect(response.status).toBe(201);
    ids[key] = String(response.body!.id);
  }
  const done = await api.post(`/tasks/${ids.report}/complete`);
  expect(done.status).toBe(200);
  await eventually('the projection of every fixture', async () => {
    const page = await list('?limit=100&sort=updated');
    const completed = page.items.find((task) => task.id === ids.report);
    return page.items.length === fixtures.length && completed?.status === 'completed'
      ? true
      : undefined;
  });
});

describe('listing and searching the read model', () => {
  it('sorts by due date by default, tasks without one last', async () => {
    expect(keysOf((await list('')).items)).toEqual([
      'report',
      'milk',
      'plants',
      'dentist',
      'someday',
    ]);
    expect(keysOf((await list('?order=desc')).items)).toEqual([
      'someday',
      'dentist',
      'plants',
      'milk',
      'report',
    ]);
  });

  it.each([
    ['?status=completed', ['report']],
    ['?status=pending,in_progress', ['milk', 'plants', 'dentist', 'someday']],
    ['?priority=low&priority=urgent', ['report', 'milk', 'someday']],
    ['?tags=HOME', ['milk', 'plants', 'dentist']],
    ['?tags=home,health&tags_mode=all', ['dentist']],
    ['?tags=home,work', ['report', 'milk', 'plants', 'dentist']],
    ['?due_from=2026-01-06T00:00:00Z&due_to=2099-01-31T00:00:00Z', ['milk', 'plants']],
    ['?overdue=true', ['milk']],
    ['?has_recurrence=true', ['plants']],
    ['?q=milk', ['milk']],
    ['?q=board', ['report']],
    ['?q=dent', ['dentist']],
    ['?q=100%25', ['someday']],
    ['?q=someday_maybe', ['someday']],
    ['?q=nothing-matches-this', []],
  ])('filters %s', async (query, expected) => {
    expect(keysOf((await list(query)).items)).toEqual(expected);
  });

  it.each([
    ['?sort=priority&order=desc', ['report', 'dentist', 'plants', 'milk', 'someday']],
    ['?sort=title', ['milk', 'dentist', 'someday', 'report', 'plants']],
    ['?sort=created', ['milk', 'report', 'dentist', 'plants', 'someday']],
  ])('sorts %s', async (query, expected) => {
    const keys = keysOf((await list(query)).items);
    if (query.includes('priority')) {
      // Equal priorities (the two "low") are ordered by id: compare the ranks, then the set.
      expect(keys.slice(0, 3)).toEqual(expected.slice(0, 3));
      expect(new Set(keys.slice(3))).toEqual(new Set(expected.slice(3)));
    } else {
      expect(keys).toEqual(expected);
    }
  });

  it('pages with a keyset cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=2&sort=due${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((task) => task.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(keysOf(seen.map((id) => ({ id }) as Task))).toEqual([
      'report',
      'milk',
      'plants',
      'dentist',
      'someday',
    ]);
  });

  it('accepts the seed plan’s parameter names', async () => {
    const page = await list(
      '?search=plants&sort_by=due_date&sort_order=asc&limit=10&offset=0&due_date_start=2098-01-01T00:00:00Z',
    );
    expect(keysOf(page.items)).toEqual(['plants']);
    expect(
      keysOf((await list('?sort_by=priority&sort_order=desc&offset=1&limit=1')).items),
    ).toEqual(['dentist']);
  });

  it.each([
    ['?colour=red', 'colour'],
    ['?status=archived', 'status'],
    ['?sort=random', 'sort'],
    ['?limit=1000', 'limit'],
    ['?due_from=yesterday', 'due_from'],
    ['?overdue=maybe', 'overdue'],
  ])('refuses %s naming the parameter', async (query, parameter) => {
    const response = await api.get(`/tasks${query}`);
    expect(response.status).toBe(400);
    const paths = (response.body!.errors as { path: string }[]).map((e) => e.path);
    expect(paths.some((path) => path.startsWith(parameter) || path === '(body)')).toBe(true);
  });

  it('refuses a cursor of another sort order, and a forged one', async () => {
    const { next_cursor } = await list('?limit=1&sort=due');
    expect((await api.get(`/tasks?sort=title&cursor=${next_cursor}`)).body).toMatchObject({
      code: 'invalid_cursor',
    });
    expect((await api.get('/tasks?cursor=Zm9yZ2Vk')).body).toMatchObject({
      code: 'invalid_cursor',
    });
  });
});
