import { describe, expect, it } from 'vitest';
import { readTimeZoneRequest, zoneOfPlace } from './time-zone-request.ts';

describe('reading a change of time zone', () => {
  it.each([
    ["i'm in tokyo this week", 'Asia/Tokyo'],
    ['change my time zone to Asia/Kolkata', 'Asia/Kolkata'],
    ['set my timezone to asia/calcutta', 'Asia/Kolkata'],
    ['switch my time zone to new york', 'America/New_York'],
    ['my time zone is utc', 'UTC'],
    ['i moved to São Paulo', 'America/Sao_Paulo'],
    ['use chicago time', 'America/Chicago'],
    ['I am in Berlin for now', 'Europe/Berlin'],
  ])('“%s” → %s', (message, zone) =>
    expect(readTimeZoneRequest(message)).toMatchObject({ kind: 'set', zone }),
  );

  it('asks which zone of a country with several', () =>
    expect(readTimeZoneRequest("i'm in the usa this week")).toEqual({
      kind: 'ask',
      place: 'the usa',
      options: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
    }));

  it('asks about an unknown place only when “time zone” was said', () => {
    expect(readTimeZoneRequest('change my time zone to gotham')).toEqual({
      kind: 'unknown',
      place: 'gotham',
    });
    expect(readTimeZoneRequest("i'm in a meeting")).toBeUndefined();
    expect(readTimeZoneRequest("i'm in the middle of the report")).toBeUndefined();
    expect(readTimeZoneRequest('add call tokyo office')).toBeUndefined();
  });

  it('knows tz names in any case and a bounded table of places', () => {
    expect(zoneOfPlace('europe/kiev')).toBe('Europe/Kyiv');
    expect(zoneOfPlace('Hong Kong')).toBe('Asia/Hong_Kong');
    expect(zoneOfPlace('atlantis')).toBeUndefined();
  });
});
