import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { occurrenceId } from '../../actors/task/occurrence-id.ts';
import { apiAs, problemPaths } from '../support/api.ts';
import { clientAt, someClientAddress } from '../support/client-address.ts';
import { testDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';

const stack = inject('stack');
const db = testDatabase();

/** The zones the runtime's ICU knows only by old names, as a user or a browser may send them. */
const zones = [
  { current: 'Asia/Kolkata', old: 'Asia/Calcutta' },
  { current: 'Europe/Kyiv', old: 'Europe/Kiev' },
  { current: 'Asia/Ho_Chi_Minh', old: 'Asia/Saigon' },
  { current: 'America/Argentina/Buenos_Aires', old: 'America/Buenos_Aires' },
  { current: 'Asia/Kathmandu', old: 'Asia/Katmandu' },
];
/** Each spelling a client may send, with the name it is stored as. */
const spellings = zones.flatMap(({ current, old }) => [
  [current, current],
  [old, current],
  [old.toLowerCase(), current],
  [current.toUpperCase(), current],
]);

describe('every IANA time zone, stored by its current name', () => {
  it.each(
    zones.flatMap(({ current, old }) => [
      [current, current],
      [old.toLowerCase(), current],
    ]),
  )('signs up in %s, stored as %s', async (input, stored) => {
    const { post } = clientAt(someClientAddress());
    const signup = await post('/auth/signup', {
      email: `tz-${randomUUID()}@example.test`,
      password: 'analytical engine',
      time_zone: input,
    });
    expect(signup.status, JSON.stringify(signup.body)).toBe(201);
    const me = await fetch(`${stack.gatewayUrl}/api/v1/me`, {
      headers: { authorization: `Bearer ${String(signup.body!.access_token)}` },
    });
    expect(((await me.json()) as { time_zone: string }).time_zone).toBe(stored);
  });

  it('takes each spelling on PATCH /me and answers the current name, then and later', async () => {
    const api = await apiAs(`tz-me-${randomUUID()}`);
    for (const [input, stored] of spellings) {
      const patched = await api.call('PATCH', '/me', { time_zone: input });
      expect(patched.status, `${input}: ${JSON.stringify(patched.body)}`).toBe(200);
      expect(patched.body!.time_zone).toBe(stored);
      expect((await api.get('/me')).body!.time_zone).toBe(stored);
    }
    for (const time_zone of ['Mars/Olympus_Mons', 'Factory', '+05:30', 'IST']) {
      const refused = await api.call('PATCH', '/me', { time_zone });
      expect(refused.status).toBe(400);
      expect(refused.body!.code).toBe('validation_failed');
      expect(problemPaths(refused.body)).toEqual(['time_zone']);
    }
  });

  it('takes each spelling on task create and update, and computes in the zone', async () => {
    const api = await apiAs(`tz-tasks-${randomUUID()}`);
    for (const [input, stored] of spellings) {
      const created = await api.post('/tasks', { title: `in ${input}`, time_zone: input });
      expect(created.status, `${input}: ${JSON.stringify(created.body)}`).toBe(201);
      expect(created.body!.time_zone).toBe(stored);
    }

    // Daily at 09:00 in Kyiv, across the night its clocks go forward: 09:00 there again, which
    // is an hour earlier in UTC. Computed in the zone the old name stands for.
    const task = await api.post('/tasks', {
      title: 'borscht',
      time_zone: 'europe/kiev',
      due_at: '2027-03-27T09:00:00+02:00',
      recurrence: { frequency: 'daily' },
    });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    expect(task.body!.time_zone).toBe('Europe/Kyiv');
    const id = String(task.body!.id);
    expect((await api.post(`/tasks/${id}/complete`)).status).toBe(200);
    const next = await eventually('the next occurrence', async () => {
      const response = await api.get(`/tasks/${occurrenceId(id, '2027-03-28T06:00:00.000Z')}`);
      return response.status === 200 ? response.body : undefined;
    });
    expect(next).toMatchObject({ due_at: '2027-03-28T06:00:00.000Z', time_zone: 'Europe/Kyiv' });

    const moved = await api.call('PATCH', `/tasks/${String(next.id)}`, {
      time_zone: 'Asia/Calcutta',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body!.time_zone).toBe('Asia/Kolkata');
  });

  it('gives a task the profile zone, stored by its current name', async () => {
    const api = await apiAs(`tz-default-${randomUUID()}`);
    await api.call('PATCH', '/me', { time_zone: 'Asia/Katmandu' });
    const task = await api.post('/tasks', { title: 'momo' });
    expect(task.body!.time_zone).toBe('Asia/Kathmandu');
  });

  it('reads a profile saved with an old name (before names were canonical) as the current one', async () => {
    const userId = `tz-saved-${randomUUID()}`;
    const now = new Date().toISOString();
    await db.query('insert into state (key, value) values ($1, $2)', [
      `todo-actors||UserActor||${userId}||profile`,
      Buffer.from(
        JSON.stringify({
          user_id: userId,
          display_name: 'Saved long ago',
          email: null,
          email_verified: false,
          time_zone: 'Asia/Calcutta',
          notifications: { email: true },
          created_at: now,
          updated_at: now,
        }),
      ),
    ]);
    const api = await apiAs(userId);
    expect((await api.get('/me')).body).toMatchObject({
      display_name: 'Saved long ago',
      time_zone: 'Asia/Kolkata',
    });
    const task = await api.post('/tasks', {
      title: 'chai',
      due_at: '2027-05-15T09:00:00+05:30',
      reminders: [{ offset: '-P1D' }],
    });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    expect(task.body!.time_zone).toBe('Asia/Kolkata');
  });
});
