import { readFileSync } from 'node:fs';
import { Temporal } from '@js-temporal/polyfill';
import { describe, expect, it, vi } from 'vitest';
import { buildTimeZoneTable, timeZoneTableFromPackages } from './time-zones/build-table.ts';
import {
  canonicalTimeZone,
  computableTimeZone,
  storedTimeZoneSchema,
  timeZoneNames,
  timeZoneSchema,
} from './time-zone.ts';

const committed = JSON.parse(
  readFileSync(new URL('./time-zones/tzdb.json', import.meta.url), 'utf8'),
) as unknown;

describe('the committed tz table', () => {
  it('is what the pinned packages give (run `npm run tz:generate` after bumping them)', () => {
    expect(committed).toEqual(timeZoneTableFromPackages());
  });

  it('maps every name to a canonical name that maps to itself', () => {
    const zones = (committed as { zones: Record<string, string> }).zones;
    for (const canonical of new Set(Object.values(zones))) expect(zones[canonical]).toBe(canonical);
  });

  it('keeps a zone of its own country, follows renames and names zero offsets UTC', () => {
    const table = buildTimeZoneTable(
      {
        version: 'test',
        zones: {
          'Europe/Berlin': [],
          'Europe/Oslo': 'Europe/Berlin',
          'Arctic/Longyearbyen': 'Europe/Berlin',
          'Etc/UTC': [],
          Zulu: 'Etc/UTC',
          Factory: [],
        },
      },
      ['Europe/Berlin', 'Europe/Oslo'],
      'test',
    );
    expect(table.zones).toEqual({
      'Arctic/Longyearbyen': 'Europe/Berlin',
      'Etc/UTC': 'UTC',
      'Europe/Berlin': 'Europe/Berlin',
      'Europe/Oslo': 'Europe/Oslo',
      Zulu: 'UTC',
    });
  });
});

describe('timeZoneSchema', () => {
  it.each([
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['asia/calcutta', 'Asia/Kolkata'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['europe/kiev', 'Europe/Kyiv'],
    ['Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh'],
    ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['AMERICA/BUENOS_AIRES', 'America/Argentina/Buenos_Aires'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'],
    ['Asia/Katmandu', 'Asia/Kathmandu'],
    ['US/Eastern', 'America/New_York'],
    ['America/Ciudad_Juarez', 'America/Ciudad_Juarez'],
    ['Europe/Oslo', 'Europe/Oslo'],
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['GMT', 'UTC'],
    ['utc', 'UTC'],
  ])('accepts %s as %s', (input, stored) => {
    expect(timeZoneSchema.parse(input)).toBe(stored);
  });

  it.each(['', 'Mars/Olympus_Mons', 'Factory', 'Europe', 'Europe/Berlin ', '+02:00', 'CEST'])(
    'refuses %j',
    (input) => {
      const result = timeZoneSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/IANA time zone/);
    },
  );

  it('reads a stored old name as the current one, and leaves an unknown one alone', () => {
    expect(storedTimeZoneSchema.parse('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(storedTimeZoneSchema.parse('Somewhere/Else')).toBe('Somewhere/Else');
  });

  it('lists every accepted name in its contract, whatever the runtime reports', async () => {
    vi.resetModules();
    const spy = vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(['Only/This']);
    try {
      const { contractDocuments } = await import('./contracts.ts');
      const document = contractDocuments()['create-task-input.schema.json'] as {
        properties: { time_zone: { enum: string[] } };
      };
      expect(document.properties.time_zone.enum).toEqual(timeZoneNames);
      expect(document.properties.time_zone.enum).toContain('Asia/Kolkata');
      expect(document.properties.time_zone.enum).toContain('Asia/Calcutta');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('computing in every accepted zone', () => {
  const instants = ['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z'].map((value) =>
    Temporal.Instant.from(value),
  );

  it('works for each accepted name, with the offsets of its canonical zone', () => {
    const failures = timeZoneNames.filter((name) => {
      const zone = computableTimeZone(name);
      const canonical = computableTimeZone(canonicalTimeZone(name)!);
      return !instants.every((instant) => {
        const here = instant.toZonedDateTimeISO(zone);
        const back = here.toPlainDateTime().toZonedDateTime(zone).toInstant();
        return (
          back.equals(instant) &&
          here.offsetNanoseconds === instant.toZonedDateTimeISO(canonical).offsetNanoseconds
        );
      });
    });
    expect(failures).toEqual([]);
    expect(timeZoneNames.length).toBeGreaterThan(590);
  });

  it('computes with a name the runtime knows when it lacks the current one', () => {
    const oldIcu = (name: string) => name !== 'Europe/Kyiv';
    expect(computableTimeZone('Europe/Kyiv', oldIcu)).toBe('Europe/Kiev');
    expect(computableTimeZone('Asia/Kolkata', () => true)).toBe('Asia/Kolkata');
  });
});
