import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Records a mail the SMTP server accepted. From the moment of acceptance a failure must never
 * lead to a second mail: recording is retried a bounded number of times and never throws, so the
 * delivery is acknowledged and the claim is not given back (before this, a failed record released
 * the claim and the redelivery mailed again: seen once in 591 reminders in the HA chaos run).
 * A mail that stays unrecorded is reported through `unrecorded`; its claim row still says
 * `sending`, which only a redelivery of the same event, after the lease, could take over.
 */
export async function recordSent(
  record: () => Promise<void>,
  unrecorded: (error: unknown) => void,
  { attempts = 3, pauseMs = 250 }: { attempts?: number; pauseMs?: number } = {},
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await record();
      return true;
    } catch (error) {
      if (attempt >= attempts) {
        unrecorded(error);
        return false;
      }
      await sleep(pauseMs * attempt);
    }
  }
}
