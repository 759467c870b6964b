import { readdirSync, readFileSync } from 'node:fs';

interface ProcessStat {
  pid: number;
  ppid: number;
  startTime: string;
}

function stat(pid: number): ProcessStat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), startTime: fields[19]! };
  } catch {
    return undefined;
  }
}

/** Every living descendant of `root`, with its start time (pids are reused; start times not). */
export function descendants(root: number): ProcessStat[] {
  const all = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => stat(Number(entry)))
    .filter((entry): entry is ProcessStat => entry !== undefined);
  const found: ProcessStat[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    for (const child of all.filter((p) => p.ppid === parent)) {
      found.push(child);
      frontier.push(child.pid);
    }
  }
  return found;
}

/** Those of `processes` that still run (same pid and same start time). */
export const stillRunning = (processes: ProcessStat[]): ProcessStat[] =>
  processes.filter((process) => stat(process.pid)?.startTime === process.startTime);
