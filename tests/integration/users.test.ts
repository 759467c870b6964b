import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiAs, problemPaths } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

describe('the UserActor behind /me', () => {
  it('starts with a default profile, takes updates, and gives tasks its time zone', async () => {
    const userId = `profile-${randomUUID()}`;
    const api = await apiAs(userId);
    expect((await api.get('/me')).body).toMatchObject({
      user_id: userId,
      display_name: userId,
      time_zone: 'UTC',
      email: null,
    });

    const updated = await api.call('PATCH', '/me', {
      display_name: 'Ada',
      time_zone: 'America/New_York',
      email: 'ada@example.test',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      display_name: 'Ada',
      time_zone: 'America/New_York',
      email: 'ada@example.test',
    });

    const invalid = await api.call('PATCH', '/me', {
      time_zone: 'Atlantis/Capital',
      email: 'not-an-address',
    });
    expect(invalid.status).toBe(400);
    expect(problemPaths(invalid.body)).toEqual(['email', 'time_zone']);

    const task = await api.post('/tasks', { title: 'in my zone' });
    expect(task.body).toMatchObject({ time_zone: 'America/New_York' });
    const explicit = await api.post('/tasks', { title: 'elsewhere', time_zone: 'Asia/Tokyo' });
    expect(explicit.body).toMatchObject({ time_zone: 'Asia/Tokyo' });
  });

  it('counts created and completed tasks once each, from the events', async () => {
    const api = await apiAs(`counters-${randomUUID()}`);
    const first = await api.post('/tasks', { title: 'one' });
    await api.post('/tasks', { title: 'two' });
    await api.post(`/tasks/${String(first.body!.id)}/complete`);
    await api.post(`/tasks/${String(first.body!.id)}/complete`);
    const counters = await eventually('the counters', async () => {
      const profile = (await api.get('/me')).body as { counters: Record<string, number> };
      return profile.counters.tasks_created === 2 && profile.counters.tasks_completed === 1
        ? profile.counters
        : undefined;
    });
    expect(counters).toEqual({
      tasks_created: 2,
      tasks_completed: 1,
      tasks_deleted: 0,
      tasks_skipped: 0,
    });
  });
});
