import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports for the stack's processes. Two hazards shaped this:
 * - a port the kernel hands out for `listen(0)` comes from the ephemeral range, the same range
 *   outgoing connections take their local port from, so between our check and the service's own
 *   bind a client socket of a busy test run can take it (seen in CI: postgres failed to bind);
 * - several stacks start at once (vitest workers, `npm start` next to `npm test`), each process
 *   unaware of the ports the others picked but have not bound yet.
 * So ports are drawn from below the ephemeral range and reserved machine-wide with a lock file
 * per port, held until the reserving process exits.
 */
export const reservationDir = join(tmpdir(), 'todo-chatbot-ports');
const staleAfterMs = 24 * 60 * 60 * 1000;
const held = new Set<number>();

export function portRange(ephemeral = readEphemeralRange()): { low: number; high: number } {
  const [ephemeralLow, ephemeralHigh] = ephemeral;
  if (ephemeralLow - 1 - 20_000 >= 4_000) return { low: 20_000, high: ephemeralLow - 1 };
  if (65_535 - (ephemeralHigh + 1) >= 4_000) return { low: ephemeralHigh + 1, high: 65_535 };
  // A machine whose ephemeral range covers nearly everything: the reservation still guards
  // against the other stacks; only the outgoing-connection hazard remains.
  return { low: 10_000, high: 65_535 };
}

function readEphemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low!, high!];
  } catch {
    // Not Linux: fall back to the IANA dynamic range.
  }
  return [49_152, 65_535];
}

export async function freePort(): Promise<number> {
  mkdirSync(reservationDir, { recursive: true });
  const { low, high } = portRange();
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (held.has(port) || !reservePort(port)) continue;
    if (await bindable(port)) {
      held.add(port);
      return port;
    }
    releasePort(port);
  }
  throw new Error(`no free port in ${low}-${high} after 1000 attempts`);
}

export async function freePorts<K extends string>(names: readonly K[]): Promise<Record<K, number>> {
  const entries: [K, number][] = [];
  for (const name of names) entries.push([name, await freePort()]);
  return Object.fromEntries(entries) as Record<K, number>;
}

/** Takes the machine-wide lock file of `port`; false while a live process holds it. */
export function reservePort(port: number): boolean {
  const file = join(reservationDir, String(port));
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !stale(file)) return false;
      try {
        unlinkSync(file);
      } catch {
        return false;
      }
    }
  }
  return false;
}

function stale(file: string): boolean {
  try {
    const age = Date.now() - statSync(file).mtimeMs;
    if (age > staleAfterMs) return true;
    const content = readFileSync(file, 'utf8');
    // Empty: another process is between creating the file and writing its pid.
    if (content === '') return age > 10_000;
    const pid = Number(content);
    if (!Number.isInteger(pid) || pid <= 0) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: the holder is gone. EPERM: alive, under another user.
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

export function releasePort(port: number): void {
  held.delete(port);
  try {
    unlinkSync(join(reservationDir, String(port)));
  } catch {
    // Already reclaimed.
  }
}

process.once('exit', () => {
  for (const port of [...held]) releasePort(port);
});

function bindable(port: number): Promise<boolean> {
  return new Promise((resolveBindable) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolveBindable(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveBindable(true)));
  });
}
