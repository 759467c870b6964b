import { describe, expect, it } from 'vitest';
import { createTaskInputSchema, createTaskRequestSchema, updateTaskRequestSchema } from './task.ts';

describe('createTaskInputSchema', () => {
  it('fills defaults and trims the title', () => {
    expect(createTaskInputSchema.parse({ title: '  Call mum ' })).toEqual({
      title: 'Call mum',
      description: '',
      status: 'pending',
      priority: 'medium',
      tags: [],
      due_at: null,
      recurrence: null,
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
    [{ title: 't', status: 'completed' }, 'status'],
    [{ title: 't', time_zone: 'Mars/Olympus_Mons' }, 'time_zone'],
    [{ title: 't', due_at: '1969-12-31T23:59:59Z' }, 'due_at'],
    [{ title: 't', reminders: [{ offset: 'soon' }] }, 'reminders.0'],
    [{ title: 't', reminders: [{ offset: 'P2Y' }] }, 'reminders.0'],
    [
      { title: 't', reminders: Array.from({ length: 6 }, () => ({ offset: '-PT1M' })) },
      'reminders',
    ],
    [{ title: 't', recurrence: { frequency: 'hourly' } }, 'recurrence'],
    [{ title: 't', recurrence: { frequency: 'weekly', days_of_week: [7] } }, 'recurrence'],
    [{ title: 't', recurrence: { frequency: 'daily', interval: 366 } }, 'recurrence'],
  ])('rejects %j at %s', (input, path) => {
    const result = createTaskInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(
      paths.some((found) => found === path || (path !== '' && found.startsWith(`${path}.`))),
      paths.join(),
    ).toBe(true);
  });
});

describe("the seed plan's body names", () => {
  it('reads due_date as due_at on create and on update', () => {
    const created = createTaskRequestSchema.parse({
      title: 't',
      due_date: '2027-05-15T09:00:00+02:00',
      reminder_offset: 'PT1H',
    });
    expect(created).toMatchObject({ due_at: '2027-05-15T07:00:00.000Z', reminder_offset: 'PT1H' });
    expect(created).not.toHaveProperty('due_date');
    expect(createTaskRequestSchema.parse({ title: 't' }).due_at).toBeNull();
    expect(updateTaskRequestSchema.parse({ due_date: null })).toEqual({ due_at: null });
  });

  it('takes both names when they say the same instant', () => {
    expect(
      createTaskRequestSchema.parse({
        title: 't',
        due_at: '2027-05-15T07:00:00Z',
        due_date: '2027-05-15T09:00:00+02:00',
      }).due_at,
    ).toBe('2027-05-15T07:00:00.000Z');
  });

  it.each([
    [
      createTaskRequestSchema,
      { title: 't', due_at: '2027-05-15T07:00:00Z', due_date: '2027-05-16T07:00:00Z' },
    ],
    [createTaskRequestSchema, { title: 't', due_at: null, due_date: '2027-05-16T07:00:00Z' }],
    [updateTaskRequestSchema, { due_at: '2027-05-15T07:00:00Z', due_date: '2027-05-16T07:00:00Z' }],
  ] as const)('refuses two different values, at due_date (%#)', (schema, input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['due_date']);
  });

  it('still refuses an empty update', () => {
    expect(updateTaskRequestSchema.safeParse({}).success).toBe(false);
  });
});
