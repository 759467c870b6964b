import { describe, expect, it } from 'vitest';
import { BoundedQueue, QueueFullError } from './bounded-queue.ts';

/** A job that finishes when the test says so. */
function job() {
  let finish!: () => void;
  const done = new Promise<void>((resolveDone) => (finish = resolveDone));
  return { work: () => done, finish };
}

describe('BoundedQueue', () => {
  it('runs at most `concurrency` at once, queues up to `maxWaiting`, refuses the rest at once', async () => {
    const queue = new BoundedQueue('hashing', 1, 2);
    const jobs = Array.from({ length: 4 }, job);
    const results = jobs.map((entry) =>
      queue.run(entry.work).then(
        () => 'done',
        (error: unknown) => (error instanceof QueueFullError ? 'refused' : 'failed'),
      ),
    );
    expect(queue.load).toEqual({ running: 1, waiting: 2 });
    expect(await results[3]).toBe('refused');
    for (const entry of jobs.slice(0, 3)) entry.finish();
    expect(await Promise.all(results.slice(0, 3))).toEqual(['done', 'done', 'done']);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('hands a failed job’s slot on, and takes new work once there is room again', async () => {
    const queue = new BoundedQueue('hashing', 1, 0);
    await expect(queue.run(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    await expect(queue.run(async () => 'ok')).resolves.toBe('ok');
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });
});
