import { describe, expect, it } from 'vitest';
import { taskSnapshot } from '../../tests/support/fixtures.ts';
import { renderReminderMail } from './reminder-mail.ts';

const task = taskSnapshot({
  id: 'a6f0e1c2-0000-4000-8000-000000000001',
  user_id: 'u1',
  title: 'Pay <rent> & bills',
  description: 'Transfer to "landlord"',
  priority: 'high',
  tags: ['home', 'finance'],
  due_at: '2026-12-01T08:00:00.000Z',
});
const reminder = {
  id: 'offset:-PT1H',
  offset: '-PT1H',
  at: null,
  fire_at: '2026-12-01T07:00:00.000Z',
  fired_at: null,
};

describe('the reminder e-mail', () => {
  it('shows the due time in the recipient’s zone', () => {
    const berlin = renderReminderMail({
      task,
      reminder,
      timeZone: 'Europe/Berlin',
      link: 'http://x/t',
    });
    expect(berlin.subject).toBe(
      'Reminder: Pay <rent> & bills (due Tue, 1 Dec 2026, 09:00 (Europe/Berlin))',
    );
    const newYork = renderReminderMail({
      task,
      reminder,
      timeZone: 'America/New_York',
      link: 'http://x/t',
    });
    expect(newYork.text).toContain('Due: Tue, 1 Dec 2026, 03:00 (America/New_York)');
  });

  it('has a text and an HTML body with the link, escaping the task’s text in HTML', () => {
    const mail = renderReminderMail({
      task,
      reminder,
      timeZone: 'UTC',
      link: 'https://todo.example/#/tasks/1',
    });
    expect(mail.text).toContain('Open the task: https://todo.example/#/tasks/1');
    expect(mail.text).toContain('Tags: home, finance');
    expect(mail.html).toContain('Pay &#60;rent&#62; &#38; bills');
    expect(mail.html).toContain('&#34;landlord&#34;');
    expect(mail.html).not.toContain('<rent>');
    expect(mail.html).toContain('href="https://todo.example/#/tasks/1"');
  });

  it('copes with a task without due date', () => {
    const mail = renderReminderMail({
      task: { ...task, due_at: null },
      reminder,
      timeZone: 'UTC',
      link: 'l',
    });
    expect(mail.subject).toBe('Reminder: Pay <rent> & bills');
    expect(mail.text).toContain('No due date');
  });
});
