import { processStat, type ProcessStat } from '../../stack/proc.ts';

export { descendants } from '../../stack/proc.ts';

/** Those of `processes` that still run (same pid and same start time). */
export const stillRunning = (processes: ProcessStat[]): ProcessStat[] =>
  processes.filter((process) => processStat(process.pid)?.startTime === process.startTime);
