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

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0 && !stopwords.has(word));

/** Edit distance counting a swap of neighbours as one typo ("reprot"), small strings only. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** How well one word of a reference matches a word of a title: exact, prefix, or a typo away. */
function wordScore(query: string, candidate: string): number {
  if (query === candidate) return 1;
  if (candidate.startsWith(query) && query.length >= 3) return 0.9;
  // "watering" for "water", "plants" for "plant": the title word is the stem of the reference's.
  if (query.startsWith(candidate) && candidate.length >= 4) return 0.85;
  if (query.length >= 4 && distance(query, candidate) <= (query.length >= 7 ? 2 : 1)) return 0.8;
  return 0;
}

/** 0…1: how much of the reference the title covers (typos and prefixes count a little less). */
export function matchScore(reference: string, title: string): number {
  const query = words(reference);
  const candidate = words(title);
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
