import { canonicalTimeZone } from '../../../schemas/time-zone.ts';

/**
 * "I'm in Tokyo this week", "change my time zone to Asia/Kolkata", "set my timezone to new
 * york": a place or a tz name, read as an IANA zone. Places are a bounded table of well-known
 * cities and one-zone countries; a country with several zones is a question with its options.
 */
export type TimeZoneRequest =
  | { kind: 'set'; zone: string; place: string }
  | { kind: 'ask'; place: string; options: string[] }
  | { kind: 'unknown'; place: string };

/** Well-known places, lower case, to their zone (or the zones to choose from). */
const places: Record<string, string | string[]> = {
  // Europe
  london: 'Europe/London',
  uk: 'Europe/London',
  england: 'Europe/London',
  dublin: 'Europe/Dublin',
  ireland: 'Europe/Dublin',
  lisbon: 'Europe/Lisbon',
  portugal: 'Europe/Lisbon',
  madrid: 'Europe/Madrid',
  barcelona: 'Europe/Madrid',
  spain: 'Europe/Madrid',
  paris: 'Europe/Paris',
  france: 'Europe/Paris',
  brussels: 'Europe/Brussels',
  amsterdam: 'Europe/Amsterdam',
  berlin: 'Europe/Berlin',
  munich: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  germany: 'Europe/Berlin',
  zurich: 'Europe/Zurich',
  geneva: 'Europe/Zurich',
  vienna: 'Europe/Vienna',
  rome: 'Europe/Rome',
  milan: 'Europe/Rome',
  italy: 'Europe/Rome',
  prague: 'Europe/Prague',
  warsaw: 'Europe/Warsaw',
  stockholm: 'Europe/Stockholm',
  oslo: 'Europe/Oslo',
  copenhagen: 'Europe/Copenhagen',
  helsinki: 'Europe/Helsinki',
  athens: 'Europe/Athens',
  istanbul: 'Europe/Istanbul',
  kyiv: 'Europe/Kyiv',
  kiev: 'Europe/Kyiv',
  moscow: 'Europe/Moscow',
  // Africa and the Middle East
  cairo: 'Africa/Cairo',
  lagos: 'Africa/Lagos',
  nairobi: 'Africa/Nairobi',
  johannesburg: 'Africa/Johannesburg',
  'cape town': 'Africa/Johannesburg',
  dubai: 'Asia/Dubai',
  'tel aviv': 'Asia/Jerusalem',
  jerusalem: 'Asia/Jerusalem',
  riyadh: 'Asia/Riyadh',
  // Asia and Oceania
  mumbai: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  'new delhi': 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  kolkata: 'Asia/Kolkata',
  india: 'Asia/Kolkata',
  karachi: 'Asia/Karachi',
  dhaka: 'Asia/Dhaka',
  bangkok: 'Asia/Bangkok',
  singapore: 'Asia/Singapore',
  'kuala lumpur': 'Asia/Kuala_Lumpur',
  jakarta: 'Asia/Jakarta',
  manila: 'Asia/Manila',
  'hong kong': 'Asia/Hong_Kong',
  beijing: 'Asia/Shanghai',
  shanghai: 'Asia/Shanghai',
  china: 'Asia/Shanghai',
  taipei: 'Asia/Taipei',
  seoul: 'Asia/Seoul',
  korea: 'Asia/Seoul',
  tokyo: 'Asia/Tokyo',
  osaka: 'Asia/Tokyo',
  kyoto: 'Asia/Tokyo',
  japan: 'Asia/Tokyo',
  sydney: 'Australia/Sydney',
  melbourne: 'Australia/Melbourne',
  brisbane: 'Australia/Brisbane',
  perth: 'Australia/Perth',
  auckland: 'Pacific/Auckland',
  'new zealand': 'Pacific/Auckland',
  honolulu: 'Pacific/Honolulu',
  hawaii: 'Pacific/Honolulu',
  // The Americas
  'new york': 'America/New_York',
  nyc: 'America/New_York',
  boston: 'America/New_York',
  washington: 'America/New_York',
  miami: 'America/New_York',
  atlanta: 'America/New_York',
  toronto: 'America/Toronto',
  montreal: 'America/Toronto',
  chicago: 'America/Chicago',
  houston: 'America/Chicago',
  dallas: 'America/Chicago',
  denver: 'America/Denver',
  phoenix: 'America/Phoenix',
  'los angeles': 'America/Los_Angeles',
  la: 'America/Los_Angeles',
  'san francisco': 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  vancouver: 'America/Vancouver',
  'mexico city': 'America/Mexico_City',
  bogota: 'America/Bogota',
  lima: 'America/Lima',
  santiago: 'America/Santiago',
  'buenos aires': 'America/Argentina/Buenos_Aires',
  'sao paulo': 'America/Sao_Paulo',
  'são paulo': 'America/Sao_Paulo',
  'rio de janeiro': 'America/Sao_Paulo',
  // Countries with several zones: asked.
  usa: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  us: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  'the us': ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  'the usa': ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  'the states': ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  america: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  canada: ['America/Toronto', 'America/Winnipeg', 'America/Edmonton', 'America/Vancouver'],
  australia: ['Australia/Sydney', 'Australia/Brisbane', 'Australia/Adelaide', 'Australia/Perth'],
  brazil: ['America/Sao_Paulo', 'America/Manaus'],
  russia: ['Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok'],
  mexico: ['America/Mexico_City', 'America/Tijuana', 'America/Cancun'],
};

/** "utc", "gmt" are zones too. */
const fixed: Record<string, string> = { utc: 'UTC', gmt: 'UTC', 'etc/utc': 'UTC' };

/** A place or tz name as a zone, the zones to choose from, or undefined when not known. */
export function zoneOfPlace(place: string): string | string[] | undefined {
  const key = place
    .toLowerCase()
    .replace(/\s+time$/, '')
    .replace(/[.,!?]+$/, '')
    .trim();
  return (
    canonicalTimeZone(key.replace(/\s+/g, '_')) ?? fixed[key] ?? places[key.replace(/^the\s+/, '')]
  );
}

/** "this week", "for now", "until friday": how long, which the zone change does not keep. */
const duration =
  /\s+(?:this|next|for the|for a|for the next)\s+(?:week|weekend|month|few days|days?)$|\s+(?:for now|now|today|right now|at the moment|until .+|till .+)$/i;

const explicit =
  /^(?:(?:please\s+)?(?:change|set|switch|update|move|put)\s+(?:my\s+|the\s+)?(?:time ?zone|tz)\s+(?:to|as|for)\s+|(?:my\s+)?(?:time ?zone|tz)\s+(?:is|should be|to)\s+|use\s+(?:the\s+)?)(.+?)(?:\s+time(?: ?zone)?)?$/i;
const located =
  /^(?:i(?:'m| am)\s+(?:now\s+|currently\s+)?(?:in|at|staying in|travell?ing (?:in|to)|visiting|over in)|i(?:'ve)?\s+(?:moved|travell?ed|flew|arrived)\s+(?:to|in)|we(?:'re| are)\s+(?:now\s+)?in)\s+(.+)$/i;

/**
 * Reads a request to change the user's zone. Said with "time zone", an unknown place is a
 * question; "I'm in <place>" is one only when the place is known ("I'm in a meeting" is not).
 */
export function readTimeZoneRequest(message: string): TimeZoneRequest | undefined {
  const said = message.trim().replace(/[.!]+$/, '');
  const asked = said.match(explicit);
  const at = asked ? undefined : said.match(located);
  const place = (asked?.[1] ?? at?.[1])?.replace(duration, '').trim();
  if (!place) return undefined;
  const zone = zoneOfPlace(place);
  if (typeof zone === 'string') return { kind: 'set', zone, place };
  if (zone) return { kind: 'ask', place, options: zone };
  return asked ? { kind: 'unknown', place } : undefined;
}
