import type { UpdateProfileInput, UserProfile } from '../../schemas/user.ts';

/** The profile a user has before they set anything. */
export const defaultProfile = (userId: string, now: string): UserProfile => ({
  user_id: userId,
  display_name: userId,
  email: null,
  time_zone: 'UTC',
  notifications: { email: true },
  counters: { tasks_created: 0, tasks_completed: 0, tasks_deleted: 0 },
  created_at: now,
  updated_at: now,
});

export const updateProfile = (
  profile: UserProfile,
  patch: UpdateProfileInput,
  now: string,
): UserProfile => ({
  ...profile,
  ...patch,
  updated_at: now,
});

const counterOf = {
  'task.created': 'tasks_created',
  'task.occurrence_created': 'tasks_created',
  'task.completed': 'tasks_completed',
  'task.deleted': 'tasks_deleted',
} as const;

export const countEvent = (
  profile: UserProfile,
  eventType: keyof typeof counterOf,
): UserProfile => {
  const counter = counterOf[eventType];
  return {
    ...profile,
    counters: { ...profile.counters, [counter]: profile.counters[counter] + 1 },
  };
};

/** How many event ids the UserActor remembers to count each event once. */
export const SEEN_EVENTS_LIMIT = 500;

export const rememberEvent = (seen: readonly string[], eventId: string): string[] =>
  [...seen, eventId].slice(-SEEN_EVENTS_LIMIT);
