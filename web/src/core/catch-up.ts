/** What a live event said about a task: its version, and whether it was deleted. */
export interface Seen {
  version: number;
  deleted: boolean;
}

/**
 * The list comes from the read model, which trails the live events by a few tens of
 * milliseconds (more under load), so a refetch on an event can come back without it. Returns
 * the tasks the fetched list shows at an older version than an event announced, or lacks
 * although an event announced them alive. A lacking task may simply be outside the current
 * filters, which is why the caller retries a bounded number of times.
 */
export function behind(
  seen: ReadonlyMap<string, Seen>,
  listed: readonly { id: string; version: number }[],
): string[] {
  const versions = new Map(listed.map((task) => [task.id, task.version]));
  return [...seen]
    .filter(([id, event]) => {
      const version = versions.get(id);
      return version === undefined ? !event.deleted : version < event.version;
    })
    .map(([id]) => id);
}
