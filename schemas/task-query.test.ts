import { describe, expect, it, vi } from 'vitest';
import { resolveTaskListQuery, taskListQuerySchema } from './task-query.ts';

const resolve = (query: Record<string, string>, zone = 'Asia/Kolkata') => {
  const timeZone = vi.fn(() => Promise.resolve(zone));
  return resolveTaskListQuery(taskListQuerySchema.parse(query), timeZone).then((resolved) => ({
    resolved,
    asked: timeZone.mock.calls.length,
  }));
};

describe('due bounds of a list query', () => {
  it("reads the plan's naive date-time and plain date in the caller's zone", async () => {
    const { resolved, asked } = await resolve({
      due_date_start: '2027-05-15T00:00:00',
      due_date_end: '2027-05-18',
    });
    expect(resolved).toMatchObject({
      due_from: '2027-05-14T18:30:00.000Z',
      // The whole of 18 May in Kolkata (+05:30): up to its last millisecond.
      due_to: '2027-05-18T18:29:59.999Z',
    });
    expect(asked).toBe(1);
  });

  it('takes a plain start date as the start of that day, and minutes without seconds', async () => {
    const { resolved } = await resolve(
      { due_from: '2027-03-28', due_to: '2027-03-28 02:30' },
      'Europe/Berlin',
    );
    // 28 March 2027 is the spring-forward day in Berlin: 02:30 does not exist, and reads as 03:30.
    expect(resolved).toMatchObject({
      due_from: '2027-03-27T23:00:00.000Z',
      due_to: '2027-03-28T01:30:00.000Z',
    });
  });

  it('ends a plain end date at the next local midnight, however long the day', async () => {
    const { resolved } = await resolve({ due_to: '2027-10-31' }, 'Europe/Berlin');
    expect(resolved.due_to).toBe('2027-10-31T22:59:59.999Z');
  });

  it('keeps instants with offset, without asking for the zone', async () => {
    const { resolved, asked } = await resolve({
      due_from: '2027-05-15T00:00:00+02:00',
      due_date_end: '2027-05-18T00:00:00Z',
    });
    expect(resolved).toMatchObject({
      due_from: '2027-05-14T22:00:00.000Z',
      due_to: '2027-05-18T00:00:00.000Z',
    });
    expect(asked).toBe(0);
  });

  it.each(['2027-13-01', '2027-02-30T10:00:00', 'tomorrow', '1969-12-31', '2027-05-15T25:00'])(
    'refuses %j',
    (value) => {
      expect(taskListQuerySchema.safeParse({ due_from: value }).success).toBe(false);
    },
  );
});
