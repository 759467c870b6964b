/**
 * How Dapr names an actor's state entry in the state store: `<app id>||<actor type>||<actor
 * id>||<key>`. Only code that reads the store behind Dapr's back (the pending-effects sweep, tests
 * that inspect a saved state) needs it.
 */
const SEPARATOR = '||';

export const actorStateKey = (
  appId: string,
  actorType: string,
  actorId: string,
  key: string,
): string => [appId, actorType, actorId, key].join(SEPARATOR);

/** The actor id in such a key, or undefined for a key of another shape. */
export const actorIdOfStateKey = (key: string): string | undefined => {
  const parts = key.split(SEPARATOR);
  return parts.length === 4 ? parts[2] : undefined;
};
