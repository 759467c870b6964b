import { z } from 'zod';

/** An ISO 8601 instant with offset, stored normalized to UTC (`…Z`). */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString())
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= 1970 && year <= 2999;
  }, 'must be between the years 1970 and 2999');

/** An IANA time zone name the runtime knows (Europe/Berlin, America/New_York, UTC, …). */
export const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Berlin');
