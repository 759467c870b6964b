import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export class ReadinessError extends Error {}

/**
 * Polls `probe` until it resolves truthy. Fails early when the watched process exits,
 * so a crash at start-up is reported at once with its log file, not after a timeout.
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    exited?: Promise<unknown>;
    logFile?: string;
  } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let exited = false;
  void options.exited?.then(() => {
    exited = true;
  });
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exited) throw new ReadinessError(`${what} exited during start-up${hint(options.logFile)}`);
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await sleep(options.intervalMs ?? 200);
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new ReadinessError(`${what} not ready in time${reason}${hint(options.logFile)}`);
}

/** The log's tail goes into the message: CI keeps the test output, not the run's log files. */
function hint(logFile?: string): string {
  if (!logFile) return '';
  let tail = '';
  try {
    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15);
    tail = `; last lines:\n${lines.map((line) => `  | ${line}`).join('\n')}`;
  } catch {
    // No log yet.
  }
  return ` (see ${logFile})${tail}`;
}

export function tcpOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}

export async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return response.ok;
}
