import { readdirSync, readFileSync } from 'node:fs';

/** What /proc/<pid>/stat says about a process, of what the stack's tools need. */
export interface ProcessStat {
  pid: number;
  ppid: number;
  /** In clock ticks since boot: with the pid, identifies a process (pids are reused). */
  startTime: string;
  /** CPU time in clock ticks: user + system, its own and that of children it has reaped. */
  cpuTicks: number;
}

export function processStat(pid: number): ProcessStat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((index) => Number(fields[index]));
    return {
      pid,
      ppid: Number(fields[1]),
      startTime: fields[19]!,
      cpuTicks: utime! + stime! + cutime! + cstime!,
    };
  } catch {
    return undefined;
  }
}

/** Every living descendant of `root`. */
export function descendants(root: number): ProcessStat[] {
  const all = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => processStat(Number(entry)))
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

/** CPU ticks of a process and its living descendants (PostgreSQL's work is in its backends). */
export function treeCpuTicks(root: number): number {
  return [processStat(root), ...descendants(root)].reduce(
    (sum, entry) => sum + (entry?.cpuTicks ?? 0),
    0,
  );
}
