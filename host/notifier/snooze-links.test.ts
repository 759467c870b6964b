import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../platform/escape-html.ts';
import { verifySnoozeToken } from '../../platform/auth/snooze-token.ts';
import { taskSnapshot } from '../../tests/support/fixtures.ts';
import { renderReminderMail } from './reminder-mail.ts';
import { snoozeLinks, tomorrowMorning } from './snooze-links.ts';

const secret = 'a-test-secret-of-enough-length-000000';
const task = taskSnapshot({
  id: 'a6f0e1c2-0000-4000-8000-000000000001',
  user_id: 'u1',
  title: 'Pay rent',
  due_at: '2026-12-01T08:00:00.000Z',
});
const reminder = {
  id: 'offset:-PT1H',
  offset: '-PT1H',
  at: null,
  fire_at: '2026-12-01T07:00:00.000Z',
  fired_at: '2026-12-01T07:00:00.300Z',
};

describe('tomorrow 09:00', () => {
  it('is the reader’s next morning, whatever the day is in UTC', () => {
    // 23:30 in UTC is already the next day in Tokyo (08:30): tomorrow there is the day after.
    const now = new Date('2026-12-01T23:30:00Z');
    expect(tomorrowMorning(now, 'Asia/Tokyo')).toBe('2026-12-03T00:00:00.000Z');
    expect(tomorrowMorning(now, 'America/New_York')).toBe('2026-12-02T14:00:00.000Z');
  });
});

describe('snooze links', () => {
  it('carry one token for this firing and the three choices, and appear in the mail', async () => {
    const now = new Date('2026-12-01T07:00:01Z');
    const links = await snoozeLinks({
      jwtSecret: secret,
      publicUrl: 'https://todo.example',
      userId: 'u1',
      taskId: task.id,
      reminder,
      timeZone: 'Europe/Berlin',
      now,
    });
    expect(links.map((link) => link.label)).toEqual(['10 minutes', '1 hour', 'tomorrow 09:00']);
    const urls = links.map((link) => new URL(link.url));
    expect(
      urls.every((url) => url.origin + url.pathname === 'https://todo.example/api/v1/snooze'),
    ).toBe(true);
    expect(urls.map((url) => url.searchParams.get('for') ?? url.searchParams.get('until'))).toEqual(
      ['PT10M', 'PT1H', '2026-12-02T08:00:00.000Z'],
    );
    const token = urls[0]!.searchParams.get('token')!;
    expect(await verifySnoozeToken(secret, token, now)).toEqual({
      userId: 'u1',
      taskId: task.id,
      reminderId: reminder.id,
      firing: reminder.fired_at,
    });

    const mail = renderReminderMail({
      task,
      reminder,
      timeZone: 'Europe/Berlin',
      link: 'https://todo.example/#/tasks/x',
      snoozeLinks: links,
    });
    for (const link of links) {
      expect(mail.text).toContain(link.url);
      expect(mail.html).toContain(escapeHtml(link.url));
    }
  });

  it('are none for a reminder that has not fired', async () => {
    const links = await snoozeLinks({
      jwtSecret: secret,
      publicUrl: 'https://todo.example',
      userId: 'u1',
      taskId: task.id,
      reminder: { ...reminder, fired_at: null },
      timeZone: 'UTC',
    });
    expect(links).toEqual([]);
  });
});
