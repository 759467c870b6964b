/**
 * Spoken numbers as digits, so that the date reader and the rules see one form: "four pm" →
 * "4 pm", "the twenty first" → "the 21st", "half past three" → "3:30", "two thousand and
 * seventeen" → "2017", "six forty five am" → "6:45 am". One pass over the words: linear.
 */

const units: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const tens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ordinalUnits: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  twelveth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
};
const ordinalTens: Record<string, number> = { twentieth: 20, thirtieth: 30 };

const suffix = (n: number) => {
  const last = n % 100;
  if (last >= 11 && last <= 13) return 'th';
  return { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th';
};

/** Words after which a lone "one" / "second" / "first" is a number, not a pronoun or a noun. */
const countedNext = new Set([
  'am',
  'pm',
  'a.m.',
  'p.m.',
  "o'clock",
  'oclock',
  'o',
  'minute',
  'minutes',
  'hour',
  'hours',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
]);
const countedBefore = new Set(['at', 'by', 'until', 'till', 'from', 'between', 'to', 'and', 'in']);

interface Parsed {
  value: number;
  ordinal: boolean;
  /** How many words it took. */
  length: number;
}

/** Reads one number starting at word i: "twenty one", "six hundred and forty five", "2017". */
function readNumber(words: readonly string[], i: number): Parsed | undefined {
  const word = words[i]!;
  const first = word.replace(/-/g, ' ').split(' ');
  // "twenty-one" and "twenty-first" arrive as one word.
  if (first.length === 2 && tens[first[0]!] !== undefined) {
    const rest = first[1]!;
    if (units[rest] !== undefined && units[rest]! < 10)
      return { value: tens[first[0]!]! + units[rest]!, ordinal: false, length: 1 };
    if (ordinalUnits[rest] !== undefined && ordinalUnits[rest]! < 10)
      return { value: tens[first[0]!]! + ordinalUnits[rest]!, ordinal: true, length: 1 };
  }
  if (ordinalUnits[word] !== undefined)
    return { value: ordinalUnits[word]!, ordinal: true, length: 1 };
  if (ordinalTens[word] !== undefined)
    return { value: ordinalTens[word]!, ordinal: true, length: 1 };
  let value: number;
  let length = 1;
  if (units[word] !== undefined) value = units[word]!;
  else if (tens[word] !== undefined) {
    value = tens[word]!;
    const next = words[i + 1];
    if (next !== undefined && units[next] !== undefined && units[next]! > 0 && units[next]! < 10) {
      value += units[next]!;
      length = 2;
    } else if (next !== undefined && ordinalUnits[next] !== undefined && ordinalUnits[next]! < 10)
      return { value: value + ordinalUnits[next]!, ordinal: true, length: 2 };
  } else return undefined;
  // "six hundred and forty five", "two thousand and seventeen"
  const scale = words[i + length];
  if (scale === 'hundred' || scale === 'thousand') {
    value *= scale === 'hundred' ? 100 : 1000;
    length += 1;
    const skip = words[i + length] === 'and' ? 1 : 0;
    const rest =
      words[i + length + skip] !== undefined ? readNumber(words, i + length + skip) : undefined;
    if (rest && rest.value < (scale === 'hundred' ? 100 : 1000)) {
      return {
        value: value + rest.value,
        ordinal: rest.ordinal,
        length: length + skip + rest.length,
      };
    }
  }
  return { value, ordinal: false, length };
}

/** Replaces the spoken numbers of a sentence with digits; other words keep their case. */
export function digitsForSpokenNumbers(sentence: string): string {
  const original = sentence.split(' ');
  const words = original.map((word) => word.toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const parsed = readNumber(words, i);
    if (!parsed) {
      out.push(original[i]!);
      i += 1;
      continue;
    }
    const next = words[i + parsed.length];
    const before = out[out.length - 1]?.toLowerCase();
    const alone = parsed.length === 1;
    // "this one", "a second", "the first list" keep their words; "at one", "one pm" do not.
    if (alone && (words[i] === 'one' || words[i] === 'second')) {
      const counted =
        (next !== undefined && countedNext.has(next)) ||
        (before !== undefined && countedBefore.has(before));
      const dated = words[i] === 'second' && next === 'of';
      if (!counted && !dated) {
        out.push(original[i]!);
        i += 1;
        continue;
      }
    }
    out.push(parsed.ordinal ? `${parsed.value}${suffix(parsed.value)}` : String(parsed.value));
    i += parsed.length;
  }
  return joinYearsAndTimes(out.join(' '));
}

/** Digits spoken in pairs: "20 17" after a month is a year; "6 45 am" and "at 10 30" are times. */
function joinYearsAndTimes(text: string): string {
  return text
    .replace(
      /\b(19|20) ([1-9]\d)\b(?! ?(?:am|pm|minutes?|hours?))/gi,
      (all, century: string, year: string, offset: number) =>
        /(?:january|february|march|april|may|june|july|august|september|october|november|december|\d(?:st|nd|rd|th)) $/i.test(
          text.slice(0, offset),
        )
          ? `${century}${year}`
          : all,
    )
    .replace(/\b(\d{1,2}) ([0-5]\d) ?(am|pm)\b/gi, '$1:$2 $3')
    .replace(/\b(at|by|until|till|from) (\d{1,2}) ([0-5]\d)\b/gi, '$1 $2:$3')
    .replace(/\b(\d{1,2})([0-5]\d) ?(am|pm)\b/gi, '$1:$2 $3')
    .replace(/\bhalf past (\d{1,2})\b/gi, '$1:30')
    .replace(/\bquarter past (\d{1,2})\b/gi, '$1:15')
    .replace(
      /\bquarter to (\d{1,2})\b/gi,
      (_all, hour: string) => `${(Number(hour) + 11) % 12 || 12}:45`,
    )
    .replace(/\b(\d{1,2}) ?o'? ?clock\b/gi, '$1:00')
    .replace(/\b(?:12 )?noon\b/gi, '12:00 pm')
    .replace(/\bmidnight\b/gi, '12:00 am');
}
