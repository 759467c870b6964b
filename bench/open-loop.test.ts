import { describe, expect, it } from 'vitest';
import { fixedRate } from './open-loop.ts';

describe('fixedRate', () => {
  it('sends every request on its schedule without waiting for earlier answers', async () => {
    // No answer comes before the last request has gone out: a closed loop would never finish.
    const total = 20;
    let sent = 0;
    let release!: () => void;
    const allSent = new Promise<void>((resolve) => (release = resolve));
    const run = await fixedRate(400, total / 400, async (i) => {
      expect(i).toBe(sent);
      if (++sent === total) release();
      await allSent;
      return i === 3 ? 503 : 201;
    });
    expect(sent).toBe(total);
    expect(run.ok).toBe(total - 1);
    expect(run.errors).toBe(1);
    expect(run.latencies).toHaveLength(total);
  });

  it('charges a request for the time it waited behind a stall, from the instant it was due', async () => {
    // The first answer takes as long as the whole schedule: every later request waited on it too
    // in a closed loop; here each is timed from its own due instant, the first the longest.
    let releaseFirst!: () => void;
    const first = new Promise<void>((resolve) => (releaseFirst = resolve));
    const run = await fixedRate(200, 0.05, async (i) => {
      if (i === 0) await first;
      if (i === 9) releaseFirst();
      return 201;
    });
    const [slowest] = [...run.latencies].sort((a, b) => b - a);
    // Request 0 was due 45 ms before request 9, which released it.
    expect(slowest).toBeGreaterThanOrEqual(40);
    expect(run.errors).toBe(0);
  });
});
