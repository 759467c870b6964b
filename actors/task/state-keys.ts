/**
 * The keys of a TaskActor's state, and the name of its own scheduler reminder. Besides the actor,
 * the actor host's pending-effects sweep (host/actor-host/pending-effects.ts) reads the `effects`
 * key straight from the state table, so its name is part of a contract and is spelt once, here.
 */
export const TASK_STATE_KEYS = {
  /** The task (schemas/task.ts) with its series bookkeeping (task-state.ts). */
  task: 'task',
  /** Effects saved with the state and not yet run to the end: a JSON array, `[]` when none. */
  effects: 'effects',
  /** The scheduler reminders this actor registered, so a sync only sends differences. */
  registeredReminders: 'registered-reminders',
  /** Whether the effects-retry reminder is registered. */
  retryScheduled: 'effects-retry-scheduled',
} as const;
export type TaskStateKey = (typeof TASK_STATE_KEYS)[keyof typeof TASK_STATE_KEYS];

/**
 * The reminder that retries a turn's failed effects. Task reminders are `due-<hash>` and the
 * series reminder `series-advance` (schemas/reminder.ts, which the operator inspector reads too).
 */
export const EFFECTS_RETRY_REMINDER = 'effects-retry';
