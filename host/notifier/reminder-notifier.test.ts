import { describe, expect, it } from 'vitest';
import { verifySnoozeToken } from '../../platform/auth/snooze-token.ts';
import { parseKnownEvent, type EventType, type TypedEnvelope } from '../../schemas/events.ts';
import type { Reminder } from '../../schemas/reminder.ts';
import type { TaskActorResult } from '../../schemas/task-actor.ts';
import type { Task } from '../../schemas/task.ts';
import type { Profile } from '../../schemas/user.ts';
import { envelopeFor, taskSnapshot } from '../../tests/support/fixtures.ts';
import { CAP_REACHED, type MailReservation } from './daily-mail-cap.ts';
import {
  handleReminderEvent,
  type OutgoingMail,
  type ReminderNotifierPorts,
  type ReminderOutcome,
} from './reminder-notifier.ts';

const settings = {
  jwtSecret: 'a-test-secret-of-enough-length-000000',
  publicUrl: 'https://todo.example',
  from: 'Todo <reminders@todo.example>',
  recordRetry: { pauseMs: 1 },
};

interface HistoryRow {
  status: 'sending' | 'sent' | 'skipped';
  detail?: string;
  messageId?: string;
}

/**
 * The notifier's world in memory: the history rows, the daily counts, the actors' tasks and
 * profiles, the mails handed to SMTP. Each double keeps the contract of the port it stands for
 * (a claim is taken once per event, the cap is counted per user), not of PostgreSQL or SMTP.
 */
class World implements ReminderNotifierPorts {
  readonly history = new Map<string, HistoryRow>();
  readonly counts = new Map<string, number>();
  readonly tasks = new Map<string, TaskActorResult>();
  readonly profiles = new Map<string, Profile>();
  readonly sent: OutgoingMail[] = [];
  readonly outcomes: ReminderOutcome[] = [];
  readonly errors: string[] = [];
  /** The next sends, task reads or records fail with these. */
  readonly failures = { send: [] as Error[], task: [] as Error[], markSent: [] as Error[] };

  constructor(readonly dailyCap = 50) {}

  claim = async ({ eventId }: { eventId: string }) => {
    const row = this.history.get(eventId);
    // The real claim waits out another replica's 'sending' claim; nothing here holds one.
    if (row && row.status !== 'sending') return 'done' as const;
    this.history.set(eventId, { status: 'sending' });
    return 'claimed' as const;
  };
  markSkipped = async (eventId: string, detail: string) => {
    this.history.set(eventId, { status: 'skipped', detail });
  };
  markSent = async (eventId: string, messageId: string) => {
    const failure = this.failures.markSent.shift();
    if (failure) throw failure;
    this.history.set(eventId, { status: 'sent', messageId });
  };
  releaseClaim = async (eventId: string) => {
    if (this.history.get(eventId)?.status === 'sending') this.history.delete(eventId);
  };
  reserveMail = async (userId: string): Promise<MailReservation | undefined> => {
    const count = this.counts.get(userId) ?? 0;
    if (count >= this.dailyCap) return undefined;
    this.counts.set(userId, count + 1);
    return { userId, day: '2026-12-01' };
  };
  releaseMail = async ({ userId }: MailReservation) => {
    this.counts.set(userId, Math.max(0, (this.counts.get(userId) ?? 0) - 1));
  };
  currentTask = async (caller: { user_id: string }, taskId: string): Promise<TaskActorResult> => {
    const failure = this.failures.task.shift();
    if (failure) throw failure;
    const result = this.tasks.get(taskId);
    // The actor answers only its owner, and "not found" for a task it does not have.
    if (!result || (result.ok && result.task.user_id !== caller.user_id))
      return { ok: false, error: { code: 'task_not_found', message: 'not found' } };
    return result;
  };
  currentProfile = async (userId: string) => this.profiles.get(userId);
  send = async (mail: OutgoingMail) => {
    const failure = this.failures.send.shift();
    if (failure) throw failure;
    this.sent.push(mail);
  };
  outcome = (outcome: ReminderOutcome) => void this.outcomes.push(outcome);
  logger = {
    info: () => undefined,
    error: (message: string) => void this.errors.push(message),
  };

  addUser(userId: string, overrides: Partial<Profile> = {}): void {
    this.profiles.set(userId, {
      user_id: userId,
      display_name: userId,
      email: `${userId}@example.com`,
      email_verified: true,
      time_zone: 'Europe/Berlin',
      notifications: { email: true },
      created_at: '2026-11-01T00:00:00.000Z',
      updated_at: '2026-11-01T00:00:00.000Z',
      ...overrides,
    });
  }

  addTask(task: Task): Task {
    this.tasks.set(task.id, { ok: true, task });
    return task;
  }

  handle(event: TypedEnvelope<EventType>): Promise<void> {
    return handleReminderEvent(event, this, settings);
  }
}

let taskNumber = 0;
const newTask = (userId: string, overrides: Partial<Task> = {}) =>
  taskSnapshot({
    id: `a6f0e1c2-0000-4000-8000-${String(++taskNumber).padStart(12, '0')}`,
    user_id: userId,
    title: 'Pay rent',
    due_at: '2026-12-01T08:00:00.000Z',
    ...overrides,
  });

const firedReminder = (firedAt = '2026-12-01T07:00:00.300Z'): Reminder => ({
  id: 'offset:-PT1H',
  offset: '-PT1H',
  at: null,
  fire_at: '2026-12-01T07:00:00.000Z',
  fired_at: firedAt,
});

function eventOf(type: EventType, task: Task, data: unknown): TypedEnvelope<EventType> {
  const parsed = parseKnownEvent(envelopeFor(type, task, data));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.event;
}

/** A reminder.due event as the TaskActor publishes it: a new event id for every firing. */
const reminderDue = (task: Task, reminder: Reminder = firedReminder()) =>
  eventOf('reminder.due', task, { task, reminder });

/** A world with one verified user and one open task of theirs. */
function aliceWithTask(dailyCap?: number) {
  const world = new World(dailyCap);
  world.addUser('alice');
  const task = world.addTask(newTask('alice'));
  return { world, task };
}

describe('a reminder.due event', () => {
  it('sends one mail to the owner’s verified address, and records it as sent', async () => {
    const { world, task } = aliceWithTask();
    const event = reminderDue(task);
    await world.handle(event);

    expect(world.sent).toHaveLength(1);
    const [mail] = world.sent;
    expect(mail).toMatchObject({
      from: settings.from,
      to: 'alice@example.com',
      messageId: `<${event.event_id}@todo-chatbot>`,
      headers: { 'X-Task-Id': task.id },
    });
    // Rendered in the recipient's zone, linking to the task.
    expect(mail!.subject).toBe('Reminder: Pay rent (due Tue, 1 Dec 2026, 09:00 (Europe/Berlin))');
    expect(mail!.text).toContain(`Open the task: https://todo.example/#/tasks/${task.id}`);
    expect(world.history.get(event.event_id)).toEqual({
      status: 'sent',
      messageId: `<${event.event_id}@todo-chatbot>`,
    });
    expect(world.counts.get('alice')).toBe(1);
    expect(world.outcomes).toEqual(['sent']);
  });

  it('sends nothing the second time it is delivered (claimed by event_id)', async () => {
    const { world, task } = aliceWithTask();
    const event = reminderDue(task);
    await world.handle(event);
    await world.handle(event);
    await world.handle({ ...event });

    expect(world.sent).toHaveLength(1);
    expect(world.counts.get('alice')).toBe(1);
    expect(world.outcomes).toEqual(['sent', 'duplicate', 'duplicate']);
  });

  it('sends nothing again for an event skipped before', async () => {
    const { world, task } = aliceWithTask();
    const event = reminderDue(task);
    world.tasks.set(task.id, { ok: true, task: { ...task, status: 'completed' } });
    await world.handle(event);
    world.tasks.set(task.id, { ok: true, task });
    await world.handle(event);

    expect(world.sent).toEqual([]);
    expect(world.outcomes).toEqual(['skipped', 'duplicate']);
  });

  it('is a mail per event: two reminders of the same task are two mails', async () => {
    const { world, task } = aliceWithTask();
    await world.handle(reminderDue(task));
    await world.handle(reminderDue(task));
    expect(world.sent).toHaveLength(2);
    expect(new Set(world.sent.map((mail) => mail.messageId)).size).toBe(2);
  });

  it('is the only event the notifier acts on: a snooze being set mails nothing', async () => {
    const { world, task } = aliceWithTask();
    const snoozed = { ...firedReminder(), snoozed_until: '2026-12-01T07:10:00.000Z' };
    await world.handle(eventOf('reminder.snoozed', task, { task, reminder: snoozed }));
    await world.handle(eventOf('task.created', task, { task }));
    expect(world.history.size).toBe(0);
    expect(world.sent).toEqual([]);
    expect(world.outcomes).toEqual([]);
  });
});

describe('what is held back, with the reason', () => {
  it.each([
    ['completed', 'task completed'],
    ['skipped', 'task skipped'],
  ] as const)('a task %s since the reminder fired', async (status, reason) => {
    const { world, task } = aliceWithTask();
    world.tasks.set(task.id, { ok: true, task: { ...task, status } });
    const event = reminderDue(task);
    await world.handle(event);
    expect(world.sent).toEqual([]);
    expect(world.history.get(event.event_id)).toEqual({ status: 'skipped', detail: reason });
    expect(world.outcomes).toEqual(['skipped']);
  });

  it('a task deleted since', async () => {
    const { world, task } = aliceWithTask();
    world.tasks.delete(task.id);
    const event = reminderDue(task);
    await world.handle(event);
    expect(world.history.get(event.event_id)).toEqual({
      status: 'skipped',
      detail: 'task deleted',
    });
  });

  it.each([
    ['no address', { email: null }, 'no e-mail address or e-mail notifications off'],
    [
      'mail switched off',
      { notifications: { email: false } },
      'no e-mail address or e-mail notifications off',
    ],
    ['an unverified address', { email_verified: false }, 'email not verified'],
  ])('%s', async (_, profile, reason) => {
    const world = new World();
    world.addUser('alice', profile);
    const event = reminderDue(world.addTask(newTask('alice')));
    await world.handle(event);
    expect(world.sent).toEqual([]);
    expect(world.history.get(event.event_id)).toEqual({ status: 'skipped', detail: reason });
    // A skipped mail costs the user nothing of their daily cap.
    expect(world.counts.get('alice') ?? 0).toBe(0);
  });

  it('a user whose profile the actor refuses', async () => {
    const world = new World();
    const event = reminderDue(world.addTask(newTask('nobody')));
    await world.handle(event);
    expect(world.sent).toEqual([]);
    expect(world.history.get(event.event_id)?.status).toBe('skipped');
  });
});

describe('the daily cap', () => {
  it('sends up to the cap, then records the rest as capped', async () => {
    const { world, task } = aliceWithTask(2);
    const events = [reminderDue(task), reminderDue(task), reminderDue(task)];
    for (const event of events) await world.handle(event);

    expect(world.sent).toHaveLength(2);
    expect(world.history.get(events[2]!.event_id)).toEqual({
      status: 'skipped',
      detail: CAP_REACHED,
    });
    expect(world.outcomes).toEqual(['sent', 'sent', 'capped']);
  });

  it('counts per user: one user at the cap does not stop another’s mail', async () => {
    const { world, task } = aliceWithTask(1);
    world.addUser('bob');
    const bobs = world.addTask(newTask('bob'));
    await world.handle(reminderDue(task));
    await world.handle(reminderDue(task));
    await world.handle(reminderDue(bobs));
    expect(world.sent.map((mail) => mail.to)).toEqual(['alice@example.com', 'bob@example.com']);
  });
});

describe('snoozing from the mail', () => {
  it('offers links signed for this firing of this reminder', async () => {
    const { world, task } = aliceWithTask();
    const reminder = firedReminder('2026-12-01T07:00:00.300Z');
    await world.handle(reminderDue(task, reminder));

    const links = [
      ...world.sent[0]!.text.matchAll(/https:\/\/todo\.example\/api\/v1\/snooze\?\S+/g),
    ];
    expect(links).toHaveLength(3);
    const url = new URL(links[0]![0]);
    expect(url.searchParams.get('for')).toBe('PT10M');
    const claims = await verifySnoozeToken(settings.jwtSecret, url.searchParams.get('token')!);
    expect(claims).toEqual({
      userId: 'alice',
      taskId: task.id,
      reminderId: reminder.id,
      firing: reminder.fired_at,
    });
  });

  it('mails a snoozed reminder again when it fires again, with links for the new firing', async () => {
    const { world, task } = aliceWithTask();
    await world.handle(reminderDue(task, firedReminder('2026-12-01T07:00:00.300Z')));
    await world.handle(
      reminderDue(task, {
        ...firedReminder('2026-12-01T07:10:00.200Z'),
        fire_at: '2026-12-01T07:10:00.000Z',
      }),
    );

    expect(world.sent).toHaveLength(2);
    const firingOf = async (mail: OutgoingMail) => {
      const token = new URL(/https:\/\/\S+snooze\?\S+/.exec(mail.text)![0]).searchParams.get(
        'token',
      )!;
      return (await verifySnoozeToken(settings.jwtSecret, token)).firing;
    };
    expect(await firingOf(world.sent[1]!)).toBe('2026-12-01T07:10:00.200Z');
  });

  it('has no snooze links for a reminder that carries no firing', async () => {
    const { world, task } = aliceWithTask();
    await world.handle(reminderDue(task, { ...firedReminder(), fired_at: null }));
    expect(world.sent[0]!.text).not.toContain('/api/v1/snooze');
  });
});

describe('failures', () => {
  it('a send that fails gives back the claim and the count, and the redelivery sends', async () => {
    const { world, task } = aliceWithTask();
    const event = reminderDue(task);
    world.failures.send.push(new Error('SMTP 451'));
    await expect(world.handle(event)).rejects.toThrow('SMTP 451');
    expect(world.history.has(event.event_id)).toBe(false);
    expect(world.counts.get('alice')).toBe(0);

    await world.handle(event);
    expect(world.sent).toHaveLength(1);
    expect(world.counts.get('alice')).toBe(1);
    expect(world.outcomes).toEqual(['failed', 'sent']);
  });

  it('a task that cannot be read gives back the claim, without counting a mail', async () => {
    const { world, task } = aliceWithTask();
    const event = reminderDue(task);
    world.failures.task.push(new Error('actor unavailable'));
    await expect(world.handle(event)).rejects.toThrow('actor unavailable');
    expect(world.history.has(event.event_id)).toBe(false);
    expect(world.counts.get('alice') ?? 0).toBe(0);
    expect(world.outcomes).toEqual(['failed']);
  });

  it('a mail sent but not recorded is never sent again: no error, the claim stays', async () => {
    const { world, task } = aliceWithTask();
    const event = reminderDue(task);
    world.failures.markSent.push(new Error('db down'), new Error('db down'), new Error('db down'));
    await world.handle(event);

    expect(world.sent).toHaveLength(1);
    expect(world.history.get(event.event_id)).toEqual({ status: 'sending' });
    expect(world.errors).toEqual(['reminder mail sent but not recorded']);
    expect(world.outcomes).toEqual(['sent']);
  });

  it('a record that fails once is retried', async () => {
    const { world, task } = aliceWithTask();
    const event = reminderDue(task);
    world.failures.markSent.push(new Error('deadlock'));
    await world.handle(event);
    expect(world.history.get(event.event_id)?.status).toBe('sent');
    expect(world.errors).toEqual([]);
  });
});
