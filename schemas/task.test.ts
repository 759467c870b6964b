import { describe, expect, it } from 'vitest';
import { createTaskInputSchema } from './task.ts';

describe('createTaskInputSchema', () => {
  it('fills defaults and trims the title', () => {
    expect(createTaskInputSchema.parse({ title: '  Call mum ' })).toEqual({
      title: 'Call mum',
      description: '',
      priority: 'medium',
      tags: [],
      due_at: null,
    });
  });

  it('keeps the first spelling of case-insensitively equal tags', () => {
    expect(
      createTaskInputSchema.parse({ title: 't', tags: ['Work', 'work', ' WORK ', 'home'] }).tags,
    ).toEqual(['Work', 'home']);
  });

  it('normalizes due_at to UTC', () => {
    expect(
      createTaskInputSchema.parse({ title: 't', due_at: '2026-03-29T09:00:00+02:00' }).due_at,
    ).toBe('2026-03-29T07:00:00.000Z');
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 't', description: 'x'.repeat(2001) }, 'description'],
    [{ title: 't', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
    [{ title: 't', priority: 'asap' }, 'priority'],
    [{ title: 't', due_at: 'tomorrow' }, 'due_at'],
    [{ title: 't', owner: 'someone-else' }, ''],
  ])('rejects %j at %s', (input, path) => {
    const result = createTaskInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});
