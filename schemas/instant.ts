import { z } from 'zod';

/** An ISO 8601 instant with offset, years 1970–2999, stored normalized to UTC (`…Z`). */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .regex(/^(?:19[7-9]\d|2\d{3})-/, 'must be between the years 1970 and 2999')
  .transform((value) => new Date(value).toISOString());

/**
 * An IANA time zone: one of the canonical zones the runtime knows, or UTC. An enumeration, so
 * that the contract (JSON Schema, OpenAPI) says exactly what is accepted.
 */
export const timeZones = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC'),
] as [string, ...string[]];
export const timeZoneSchema = z.enum(timeZones, {
  error: 'must be an IANA time zone such as Europe/Berlin',
});
