import type { EventEnvelope } from '../schemas/events.ts';

/**
 * The events of a batch by user, each user's in the order they came: one partition's order,
 * which holds every event of a task in version order. One emit per user then carries them all.
 */
export function groupByUser<E extends Pick<EventEnvelope, 'user_id'>>(
  events: E[],
): Map<string, E[]> {
  const byUser = new Map<string, E[]>();
  for (const event of events) {
    const own = byUser.get(event.user_id);
    if (own) own.push(event);
    else byUser.set(event.user_id, [event]);
  }
  return byUser;
}
