import { createHash } from 'node:crypto';

/**
 * The id of a series' occurrence, derived from (series id, occurrence start) as a UUID v5-style
 * name hash: a retried or duplicated completion computes the same id, so the next occurrence
 * can only ever be created once.
 */
export function occurrenceId(seriesId: string, dueAt: string): string {
  const hash = createHash('sha1')
    .update(`${seriesId}|${new Date(dueAt).toISOString()}`)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
