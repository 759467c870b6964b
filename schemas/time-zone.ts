import { z } from 'zod';
import tzdb from './time-zones/tzdb.json' with { type: 'json' };

/**
 * Time zones by the IANA tz database, not by the running ICU: the names come from
 * time-zones/tzdb.json, generated from pinned packages (`npm run tz:generate`), so what is
 * accepted, and the contract that lists it, is the same on every Node. ICU still knows some
 * zones only by their old names (Asia/Calcutta); computing goes through `computableTimeZone`.
 */
const zones: Readonly<Record<string, string>> = tzdb.zones;
const byLowerCase = new Map(
  Object.entries(zones).map(([name, canonical]) => [name.toLowerCase(), canonical]),
);

/** Every accepted name, current and backward-compatible, as tzdb spells it. */
export const timeZoneNames = Object.keys(zones);
export const TZDB_VERSION = tzdb.tzdb_version;

/** The current name of any tzdb name, in any case (`asia/calcutta` → Asia/Kolkata). */
export const canonicalTimeZone = (name: string): string | undefined =>
  byLowerCase.get(name.toLowerCase());

/**
 * A time zone as a client sends it: any tzdb name, current or old, in any case; parsed to the
 * current canonical name, which is what is stored and answered. Without the list of names, for
 * a tool a language model is shown (six hundred names would crowd its context).
 */
export const timeZoneNameSchema = z
  .string()
  .refine((name) => byLowerCase.has(name.toLowerCase()), {
    error: 'must be an IANA time zone such as Europe/Berlin or Asia/Kolkata',
  })
  .overwrite((name) => canonicalTimeZone(name) ?? name);

/** The same, with every accepted name listed in its JSON Schema (for the API's contracts). */
export const timeZoneSchema = timeZoneNameSchema.meta({
  description:
    `An IANA time zone (tz database ${tzdb.tzdb_version}): a current name or a ` +
    'backward-compatible one (Asia/Calcutta, US/Eastern), in any case. It is stored and ' +
    'answered as its current name (Asia/Kolkata, America/New_York).',
  enum: timeZoneNames,
});

/**
 * A zone read back from storage: profiles saved before names were canonical may hold an old
 * one (Asia/Calcutta). It reads as the current name; an unknown one stays as it is.
 */
export const storedTimeZoneSchema = z.string().overwrite((name) => canonicalTimeZone(name) ?? name);

const runtimeKnows = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

const aliases = new Map<string, string[]>();
for (const [name, canonical] of Object.entries(zones))
  aliases.set(canonical, [...(aliases.get(canonical) ?? []), name]);

const computable = new Map<string, string>();

/**
 * The name to hand Temporal and Intl for a zone: itself when the runtime's ICU knows it, else a
 * name of the same zone that it knows. An ICU older than the tz database may lack a new name
 * (Europe/Kyiv before ICU 72) but still know the old one (Europe/Kiev), which computes the same.
 */
export function computableTimeZone(name: string, knows = runtimeKnows): string {
  const cached = knows === runtimeKnows ? computable.get(name) : undefined;
  if (cached) return cached;
  const canonical = canonicalTimeZone(name) ?? name;
  const candidates = [name, canonical, ...(aliases.get(canonical) ?? [])];
  const found = candidates.find((candidate) => knows(candidate)) ?? name;
  if (knows === runtimeKnows) computable.set(name, found);
  return found;
}
