import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, portRange, releasePort, reservationDir, reservePort } from './ports.ts';

describe('portRange', () => {
  it('stays below the ephemeral range when there is room', () => {
    expect(portRange([32_768, 60_999])).toEqual({ low: 20_000, high: 32_767 });
  });

  it('goes above it when it starts low', () => {
    expect(portRange([1_024, 49_151])).toEqual({ low: 49_152, high: 65_535 });
  });
});

describe('freePort', () => {
  it('hands out distinct ports outside the ephemeral range, each reserved for this process', async () => {
    const { low, high } = portRange();
    const ports = await Promise.all(Array.from({ length: 40 }, () => freePort()));
    expect(new Set(ports).size).toBe(40);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(low);
      expect(port).toBeLessThanOrEqual(high);
      expect(readFileSync(join(reservationDir, String(port)), 'utf8')).toBe(String(process.pid));
      releasePort(port);
    }
  });
});

describe('reservePort', () => {
  it('refuses a port a live process holds and takes over one whose holder is gone', async () => {
    const port = await freePort();
    const file = join(reservationDir, String(port));
    expect(reservePort(port)).toBe(false);

    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(file, dead.stdout.toString());
    expect(reservePort(port)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));

    releasePort(port);
    expect(existsSync(file)).toBe(false);
  });
});
