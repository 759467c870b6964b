import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcessSpec {
  /** Short unique name; also the log file name. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  /** Signal asking for a graceful stop (postgres wants SIGINT for a fast shutdown). */
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}

export interface Crash {
  code: number | null;
  signal: NodeJS.Signals | null;
  upMs: number;
}

/**
 * One supervised child. It runs in its own process group so that stopping it also stops
 * whatever it forked (a JVM, tsx's node child), and the supervisor decides the order.
 */
export class ManagedProcess {
  readonly name: string;
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private exited: Promise<number | null> | undefined;
  private stopping = false;
  private startedAt = 0;
  private readonly crashListeners: ((crash: Crash) => void)[] = [];

  constructor(private readonly spec: ProcessSpec) {
    this.name = spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.stopping = false;
    this.startedAt = Date.now();
    this.log = createWriteStream(this.spec.logFile, { flags: 'a' });
    this.log.write(
      `\n--- ${new Date().toISOString()} start: ${this.spec.command} ${this.spec.args.join(' ')}\n`,
    );
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    this.exited = new Promise((resolveExit) => {
      child.once('error', (error) => {
        this.log?.write(`--- spawn error: ${error.message}\n`);
        resolveExit(null);
      });
      child.once('exit', (code, signal) => {
        this.log?.write(`--- ${new Date().toISOString()} exit: code=${code} signal=${signal}\n`);
        resolveExit(code);
        if (!this.stopping) {
          const crash = { code, signal, upMs: Date.now() - this.startedAt };
          for (const listener of this.crashListeners) listener(crash);
        }
      });
    });
  }

  /** Called whenever the process ends without `stop()` having asked it to (kill() included). */
  onCrash(listener: (crash: Crash) => void): void {
    this.crashListeners.push(listener);
  }

  /** A line in the process's own log, e.g. the supervisor's decision about it. */
  note(line: string): void {
    this.log?.write(`--- ${new Date().toISOString()} ${line}\n`);
  }

  /** Resolves when the process ends on its own; rejects nothing. Used by readiness waits. */
  whenExited(): Promise<number | null> {
    return this.exited ?? Promise.resolve(null);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running || this.stopping) {
      await this.exited;
      return;
    }
    this.stopping = true;
    this.signalGroup(this.spec.stopSignal ?? 'SIGTERM');
    const timeout = this.spec.stopTimeoutMs ?? 10_000;
    const result = await Promise.race([
      this.exited,
      sleep(timeout, 'timeout' as const, { ref: false }),
    ]);
    if (result === 'timeout') {
      this.log?.write(`--- did not stop within ${timeout} ms, killing\n`);
      this.signalGroup('SIGKILL');
      await this.exited;
    }
    // Children of the group that ignored the leader's exit are not left behind.
    this.signalGroup('SIGKILL');
    await this.closeLog();
  }

  /** SIGKILL without grace: what a crash looks like. Used by fault-injection tests. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.signalGroup('SIGKILL');
    await this.exited;
  }

  /**
   * Sends a signal to the whole process group: SIGSTOP/SIGCONT freeze and thaw a service, the
   * way a hung host or a network partition looks from outside.
   */
  signal(signal: NodeJS.Signals): void {
    this.signalGroup(signal);
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  private async closeLog(): Promise<void> {
    const log = this.log;
    this.log = undefined;
    if (log && !log.closed) {
      log.end();
      await once(log, 'close').catch(() => undefined);
    }
  }
}
