import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Rate limits count in fixed windows aligned to the clock (rate-limit.ts): a test that straddles
 * a window's end sees its count start afresh halfway. Waits out the window's last `margin`
 * seconds, so what follows runs inside one window.
 */
export async function clearOfWindowEnd(windowSeconds: number, marginSeconds: number) {
  const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000));
  if (left < marginSeconds * 1000) await sleep(left + 100);
}
