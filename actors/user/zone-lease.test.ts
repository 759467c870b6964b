import { describe, expect, it } from 'vitest';
import { LeaseGrants, ZoneLeases } from './zone-lease.ts';

/** A clock the test moves; readers and writer in different processes each have their own. */
const clockAt = (start: number) => {
  const clock = { ms: start, now: () => clock.ms };
  return clock;
};

describe('ZoneLeases (the actor host)', () => {
  it('serves a zone for less than the lease, counted from before the call left', () => {
    const clock = clockAt(1_000);
    const zones = new ZoneLeases(clock.now, 2_000);
    const askedAt = zones.now();
    clock.ms += 300; // the call's round trip
    zones.remember('u1', 'Europe/Paris', askedAt);
    expect(zones.zoneOf('u1')).toBe('Europe/Paris');
    clock.ms = askedAt + 1_799;
    expect(zones.zoneOf('u1')).toBe('Europe/Paris');
    clock.ms = askedAt + 1_800;
    expect(zones.zoneOf('u1')).toBeUndefined();
    expect(zones.zoneOf('u2')).toBeUndefined();
  });
});

describe('LeaseGrants (the UserActor)', () => {
  it('assumes a new activation’s predecessor granted leases until now', () => {
    const clock = clockAt(5_000);
    const grants = new LeaseGrants(clock.now, 2_000);
    expect(grants.outstandingMs()).toBe(2_000);
    clock.ms += 2_500;
    expect(grants.outstandingMs()).toBe(0);
  });

  it('outlasts every lease a reader holds, whatever the two clocks’ offsets', () => {
    const writer = clockAt(7_000);
    const reader = clockAt(123_456);
    const grants = new LeaseGrants(writer.now, 2_000);
    const zones = new ZoneLeases(reader.now, 2_000);
    writer.ms += 10_000;
    reader.ms += 10_000;
    // The reader asks, the call takes 50 ms to arrive, the writer grants and answers.
    const askedAt = zones.now();
    writer.ms += 50;
    reader.ms += 50;
    grants.grant();
    zones.remember('u1', 'Asia/Tokyo', askedAt);
    // The zone changes right now: the writer waits out its leases before answering...
    const wait = grants.outstandingMs();
    expect(wait).toBe(2_000);
    writer.ms += wait;
    reader.ms += wait;
    // ...and by then the reader no longer uses the old zone.
    expect(zones.zoneOf('u1')).toBeUndefined();
  });
});
