import { describe, expect, it, vi } from 'vitest';
import { recordSent } from './record-sent.ts';

describe('recording a mail the SMTP server accepted', () => {
  it('retries a failed record and never throws, so the delivery is acknowledged', async () => {
    const record = vi.fn().mockRejectedValue(new Error('connection terminated'));
    const unrecorded = vi.fn();
    await expect(recordSent(record, unrecorded, { pauseMs: 1 })).resolves.toBe(false);
    expect(record).toHaveBeenCalledTimes(3);
    expect(unrecorded).toHaveBeenCalledOnce();
  });

  it('stops at the first record that succeeds', async () => {
    const record = vi
      .fn()
      .mockRejectedValueOnce(new Error('deadlock'))
      .mockResolvedValue(undefined);
    const unrecorded = vi.fn();
    await expect(recordSent(record, unrecorded, { pauseMs: 1 })).resolves.toBe(true);
    expect(record).toHaveBeenCalledTimes(2);
    expect(unrecorded).not.toHaveBeenCalled();
  });
});
