/** Thrown when a bounded queue is full: the caller is turned away at once instead of waiting. */
export class QueueFullError extends Error {
  constructor(readonly queue: string) {
    super(`${queue}: too much work waiting`);
    this.name = 'QueueFullError';
  }
}

/**
 * Runs at most `concurrency` jobs at once and lets at most `maxWaiting` more wait for a turn.
 * Deliberately expensive work (password hashing) goes through one, so a flood of it takes a
 * bounded share of the machine and a bounded wait; the rest of the flood is refused at once.
 */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFullError(this.name);
      await new Promise<void>((turn) => this.waiting.push(turn));
    } else this.running += 1;
    try {
      return await work();
    } finally {
      // The finished job hands its slot on directly, so `running` only counts real work.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
