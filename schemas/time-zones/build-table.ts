import { createRequire } from 'node:module';

/**
 * The pinned sources of time zone names. `tzdata` is the IANA tz database's Zone and Link
 * lines as JSON; moment-timezone's meta data is tzdb's zone.tab (one zone per country). Both are
 * exact versions in package.json, so regenerating gives the same table on any Node.
 */
export const TZ_SOURCES = ['tzdata', 'moment-timezone'] as const;

/** The table committed as tzdb.json: every accepted name and the name it is stored as. */
export interface TimeZoneTable {
  /** Where the names came from, with versions. */
  source: string;
  /** The tz database release of `tzdata`. */
  tzdb_version: string;
  /** Every accepted name (current and backward-compatible links) → its canonical name. */
  zones: Record<string, string>;
}

/** Not a place: tzdb's placeholder for "zone not yet set", which no runtime computes with. */
const EXCLUDED = new Set(['Factory']);
/** tzdb's two zero-offset zones; ECMA-402 names both (and their links) `UTC`. */
const UTC_ZONES = new Set(['Etc/UTC', 'Etc/GMT']);

/**
 * Canonical names follow ECMA-402 (what Temporal and browsers do): a tzdb Zone is canonical, a
 * Link resolves to its target, except that a name zone.tab lists for a country stays itself,
 * so Europe/Oslo is not stored as Europe/Berlin although tzdb links the two since 2022 (their
 * clocks agree since 1970; their countries do not). Renames resolve: Asia/Calcutta →
 * Asia/Kolkata, Europe/Kiev → Europe/Kyiv, US/Eastern → America/New_York.
 */
export function buildTimeZoneTable(
  tzdb: { version: string; zones: Record<string, unknown> },
  zoneTab: Iterable<string>,
  source: string,
): TimeZoneTable {
  const isLink = (name: string) => typeof tzdb.zones[name] === 'string';
  const countryZones = new Set(zoneTab);
  for (const name of countryZones)
    if (!(name in tzdb.zones)) throw new Error(`zone.tab names ${name}, unknown to tzdb`);
  const canonical = (name: string): string => {
    const target = isLink(name) ? (tzdb.zones[name] as string) : name;
    if (isLink(target)) throw new Error(`${name} links to ${target}, itself a link`);
    if (UTC_ZONES.has(target)) return 'UTC';
    return countryZones.has(name) ? name : target;
  };
  const names = Object.keys(tzdb.zones)
    .filter((name) => !EXCLUDED.has(name))
    .sort();
  return {
    source,
    tzdb_version: tzdb.version,
    zones: Object.fromEntries(names.map((name) => [name, canonical(name)])),
  };
}

/** The table from the installed pinned packages (a dev dependency: used by the generator only). */
export function timeZoneTableFromPackages(): TimeZoneTable {
  const require = createRequire(import.meta.url);
  const tzdb = require('tzdata') as { version: string; zones: Record<string, unknown> };
  const meta = require('moment-timezone/data/meta/latest.json') as {
    version: string;
    zones: Record<string, unknown>;
  };
  const version = (name: string) =>
    (require(`${name}/package.json`) as { version: string }).version;
  const source =
    `npm tzdata@${version('tzdata')} (Zone and Link lines of tzdb ${tzdb.version}); ` +
    `npm moment-timezone@${version('moment-timezone')} data/meta (zone.tab of tzdb ${meta.version})`;
  return buildTimeZoneTable(tzdb, Object.keys(meta.zones), source);
}
