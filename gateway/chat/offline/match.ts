import type { Task } from '../../../schemas/task.ts';

const stopwords = new Set([
  'the',
  'a',
  'an',
  'my',
  'task',
  'todo',
  'to',
  'do',
  'one',
  'about',
  'for',
  'of',
  'with',
  'that',
  'this',
]);

/**
 * Caps that keep one message's matching cheap whatever it contains: a reference of 2,000
 * characters against a hundred long titles must not cost more than an ordinary one. Only the
 * first distinct words take part, and typo matching stops at words no one types by hand.
 */
export const MAX_REFERENCE_WORDS = 16;
export const MAX_TITLE_WORDS = 40;
export const MAX_TYPO_WORD_LENGTH = 24;

const words = (text: string, most: number) =>
  [
    ...new Set(
      text
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^\p{L}\p{N}\s]/gu, ' ')
        .split(/\s+/)
        .filter((word) => word.length > 0 && !stopwords.has(word)),
    ),
  ].slice(0, most);

/**
 * Whether `a` is at most `limit` edits from `b`, counting a swap of neighbours as one typo
 * ("reprot"). Only the diagonal band |i − j| ≤ limit can stay within the limit, so the work is
 * O(length × limit) rather than O(length²).
 */
export function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  const far = limit + 1;
  let before = new Array<number>(b.length + 1).fill(far);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => Math.min(j, far));
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(far);
    if (i <= limit) current[0] = i;
    let best = current[0]!;
    for (let j = Math.max(1, i - limit); j <= Math.min(b.length, i + limit); j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let cell = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cell = Math.min(cell, before[j - 2]! + 1);
      current[j] = Math.min(cell, far);
      best = Math.min(best, current[j]!);
    }
    if (best > limit) return false;
    [before, previous] = [previous, current];
  }
  return previous[b.length]! <= limit;
}

/** How well one word of a reference matches a word of a title: exact, prefix, or a typo away. */
function wordScore(query: string, candidate: string): number {
  if (query === candidate) return 1;
  if (candidate.startsWith(query) && query.length >= 3) return 0.9;
  // "watering" for "water", "plants" for "plant": the title word is the stem of the reference's.
  if (query.startsWith(candidate) && candidate.length >= 4) return 0.85;
  if (
    query.length >= 4 &&
    query.length <= MAX_TYPO_WORD_LENGTH &&
    withinEdits(query, candidate, query.length >= 7 ? 2 : 1)
  )
    return 0.8;
  return 0;
}

/** 0…1: how much of the reference the title covers (typos and prefixes count a little less). */
export function matchScore(reference: string, title: string): number {
  const query = words(reference, MAX_REFERENCE_WORDS);
  const candidate = words(title, MAX_TITLE_WORDS);
  if (query.length === 0 || candidate.length === 0) return 0;
  const total = query.reduce(
    (sum, word) => sum + Math.max(...candidate.map((c) => wordScore(word, c))),
    0,
  );
  const coverage = total / query.length;
  // A reference that names only part of a long title is still a match, but a weaker one.
  const precision = Math.min(1, query.length / candidate.length);
  return coverage * (0.85 + 0.15 * precision);
}

export type Resolution =
  { kind: 'one'; task: Task } | { kind: 'none' } | { kind: 'ambiguous'; tasks: Task[] };

/** Which task "the milk task" means. Close seconds make it ambiguous: better a question than a wrong write. */
export function resolveReference(reference: string, tasks: readonly Task[]): Resolution {
  const scored = tasks
    .map((task) => ({ task, score: matchScore(reference, task.title) }))
    .filter((entry) => entry.score >= 0.6)
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) return { kind: 'none' };
  const [best, second] = scored;
  if (second && best!.score - second.score < 0.1)
    return {
      kind: 'ambiguous',
      tasks: scored.filter((entry) => best!.score - entry.score < 0.1).map((entry) => entry.task),
    };
  return { kind: 'one', task: best!.task };
}
