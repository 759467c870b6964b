/** "in 3 h", "in 2 d", "5 min ago", "2 d overdue": how far a due instant is from now. */
export function dueCountdown(
  dueAt: string,
  now: Date,
  completed: boolean,
): { text: string; overdue: boolean } {
  const minutes = Math.round((Date.parse(dueAt) - now.getTime()) / 60_000);
  const span = (m: number) => {
    const abs = Math.abs(m);
    if (abs < 60) return `${abs} min`;
    if (abs < 48 * 60) return `${Math.round(abs / 60)} h`;
    return `${Math.round(abs / 1440)} d`;
  };
  if (minutes >= 0) return { text: `in ${span(minutes)}`, overdue: false };
  if (completed) return { text: `${span(minutes)} ago`, overdue: false };
  return { text: `${span(minutes)} overdue`, overdue: true };
}

export const splitTags = (value: string): string[] =>
  value
    .split(/[,\s]+/)
    .map((tag) => tag.replace(/^#/, '').trim())
    .filter(Boolean);
