/**
 * A create that names no `time_zone` takes the user's: the TaskActor would ask the UserActor on
 * every create (two sidecar hops, a signed call, a turn). Instead each actor host keeps the zones
 * it was told under a lease, and the UserActor never lets a new zone be seen as written while a
 * lease on the old one may still be in use.
 *
 * - The TaskActor asks `getProfile` with `lease_zone`, noting its own clock before the call
 *   leaves (`askedAt`), and then uses the zone without asking until askedAt + READER_SHARE ×
 *   ZONE_LEASE_MS by its clock.
 * - The UserActor notes, when it answers such a call, that leases may run until now +
 *   ZONE_LEASE_MS by its clock; a new activation assumes the previous one granted leases until
 *   then (it cannot know). A profile update that changes the zone saves it, then holds its turn
 *   until every lease has run out, and only then answers. The turns queued behind it (other
 *   leases) already read the new zone.
 *
 * So once the update has answered, no host holds the old zone under a valid lease: the reader's
 * lease began before the grant and is shorter, both measured as durations on monotonic clocks
 * (only clock rates matter, not offsets; READER_SHARE leaves 10 % for them). A create that runs
 * while the update is in progress may use either zone, as two concurrent calls may. The price: an
 * update that changes the zone waits up to ZONE_LEASE_MS, only when a lease was granted within
 * that time (or the actor was activated within it).
 *
 * Failure modes: a host that dies holding leases takes them with it (nothing to undo). An update
 * whose host dies after the save and before the wait is over never answered: for its caller it is
 * still in progress (it gets an error and retries), and creates meanwhile may use either zone
 * until the leases run out. Clocks whose rates differ by more than 10 % break the rule; monotonic
 * clocks under NTP differ by parts per million.
 */
export const ZONE_LEASE_MS = 2_000;
/** The reader forgets this much sooner than the writer assumes, for clock rates that differ. */
const READER_SHARE = 0.9;
/** Users whose zones one host keeps; the least recently asked leave first. */
const CAPACITY = 10_000;

/** Monotonic milliseconds (performance.now), per process. */
export type Clock = () => number;
const monotonic: Clock = () => performance.now();

/** The actor host's leased zones, shared by its TaskActors. */
export class ZoneLeases {
  private readonly zones = new Map<string, { zone: string; until: number }>();

  constructor(
    private readonly clock: Clock = monotonic,
    private readonly leaseMs = ZONE_LEASE_MS,
  ) {}

  /** The clock now: taken before the profile is asked for, handed to `remember`. */
  now(): number {
    return this.clock();
  }

  /** The user's zone while its lease runs, else undefined (ask the UserActor). */
  zoneOf(userId: string): string | undefined {
    const entry = this.zones.get(userId);
    if (!entry) return undefined;
    if (this.clock() >= entry.until) {
      this.zones.delete(userId);
      return undefined;
    }
    return entry.zone;
  }

  /** A zone the UserActor answered to a call that left at `askedAt`. */
  remember(userId: string, zone: string, askedAt: number): void {
    this.zones.delete(userId);
    this.zones.set(userId, { zone, until: askedAt + this.leaseMs * READER_SHARE });
    if (this.zones.size > CAPACITY) this.zones.delete(this.zones.keys().next().value!);
  }
}

/** The UserActor's side: until when leases it may have granted can be in use. */
export class LeaseGrants {
  private until: number;

  constructor(
    private readonly clock: Clock = monotonic,
    private readonly leaseMs = ZONE_LEASE_MS,
  ) {
    // An earlier activation (before a crash or a move to another host) granted its last lease
    // before this one began.
    this.until = clock() + leaseMs;
  }

  grant(): void {
    this.until = Math.max(this.until, this.clock() + this.leaseMs);
  }

  /** Milliseconds until no lease granted so far can be in use. */
  outstandingMs(): number {
    return Math.max(0, this.until - this.clock());
  }
}
