/**
 * A bounded RFC 5545 evaluator for exactly the RRULE subset parseRRule accepts (FREQ DAILY,
 * WEEKLY, MONTHLY, YEARLY; INTERVAL, COUNT, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST; the time
 * of day is DTSTART's). rrule's own walk only checks its limits when a candidate day exists, so a
 * rule without one (BYMONTH=2;BYMONTHDAY=30) walks every period up to the year 9999 and blocks
 * the actor host for seconds. Here every evaluation counts the periods it looks at and stops at
 * MAX_PERIODS: no occurrence within the cap means the series has ended.
 *
 * The semantics are rrule's (python-dateutil's), proven by a differential test: WEEKLY without
 * BYDAY takes DTSTART's weekday, MONTHLY without a day DTSTART's day, YEARLY without one DTSTART's
 * month and day; all BY filters intersect (plain and ordinal BYDAY too); ordinal BYDAY counts in
 * the month for MONTHLY and for YEARLY with BYMONTH, else in the year; BYSETPOS picks from the
 * period's sorted candidates, before occurrences earlier than DTSTART are dropped; the first
 * WEEKLY period runs from DTSTART's day to the end of its week.
 *
 * Times are "floating": milliseconds since 1970 of a wall-clock date-time read as if it were
 * UTC. The caller maps them to instants in the user's zone.
 */

export type Frequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY';

/** Weekdays count from Monday = 0 to Sunday = 6, as rrule does. */
export interface NthWeekday {
  weekday: number;
  /** 1 = first in the month (or year), -1 = last; never 0. */
  n: number;
}

/** An accepted RRULE, checked and as numbers. */
export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count: number | null;
  /** UNTIL as an instant; it is the caller's to compare, since occurrences here are floating. */
  until: string | null;
  byWeekday: number[];
  byNthWeekday: NthWeekday[];
  /** 1…31 and -31…-1 (-1 = the month's last day). */
  byMonthDay: number[];
  byMonth: number[];
  bySetPos: number[];
  wkst: number;
}

/** Periods (days, weeks, months or years) one evaluation may look at before it gives up. */
export const MAX_PERIODS = 10_000;
/** A rule must occur within this many days of DTSTART (ten years) to be accepted. */
export const HORIZON_DAYS = 3653;
/** rrule stops at this year; so do we, so both agree on a series' end. */
const MAX_YEAR = 9999;

export interface EvaluationStats {
  /** Periods looked at, summed over the evaluations this object was passed to. */
  periods: number;
  /** The most periods any single one of those evaluations looked at (never above MAX_PERIODS). */
  maxPeriods: number;
}

export const newStats = (): EvaluationStats => ({ periods: 0, maxPeriods: 0 });

const DAY_MS = 86_400_000;
const MAX_MONTH_LENGTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const allMonths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

const mod = (a: number, b: number) => ((a % b) + b) % b;

/** Epoch day (days since 1970-01-01) of a proleptic Gregorian date (H. Hinnant's algorithm). */
function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

interface Civil {
  year: number;
  month: number;
  day: number;
}

function civil(epoch: number): Civil {
  const z = epoch + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day: dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1 };
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const monthLength = (year: number, month: number) =>
  month === 2 && !isLeap(year) ? 28 : MAX_MONTH_LENGTH[month]!;
/** 1970-01-01 was a Thursday (3 when Monday is 0). */
const weekdayOf = (epoch: number) => mod(epoch + 3, 7);

/** The rule with rrule's defaults from DTSTART filled in, as lookup tables. */
interface Plan {
  freq: Frequency;
  interval: number;
  count: number | null;
  months: number[];
  monthSet: boolean[] | null;
  weekdays: number[];
  weekdaySet: boolean[] | null;
  nth: NthWeekday[];
  monthDays: number[];
  monthDaySet: boolean[] | null;
  /** Indexed by -day: negMonthDaySet[1] is the month's last day. */
  negMonthDaySet: boolean[];
  setPos: number[];
  /** DTSTART: its floating time, epoch day, time of day, date, and week start. */
  start: number;
  startDay: number;
  timeOfDay: number;
  startDate: Civil;
  startWeek: number;
  wkst: number;
}

const table = (values: readonly number[], size: number): boolean[] | null => {
  if (values.length === 0) return null;
  const set = new Array<boolean>(size).fill(false);
  for (const value of values) set[value] = true;
  return set;
};

function plan(rule: RecurrenceRule, start: number): Plan {
  const startDay = Math.floor(start / DAY_MS);
  const startDate = civil(startDay);
  let { byMonth, byMonthDay, byWeekday } = rule;
  if (byMonthDay.length === 0 && byWeekday.length === 0 && rule.byNthWeekday.length === 0) {
    if (rule.freq === 'YEARLY') {
      if (byMonth.length === 0) byMonth = [startDate.month];
      byMonthDay = [startDate.day];
    } else if (rule.freq === 'MONTHLY') {
      byMonthDay = [startDate.day];
    } else if (rule.freq === 'WEEKLY') {
      byWeekday = [weekdayOf(startDay)];
    }
  }
  const negMonthDaySet = new Array<boolean>(32).fill(false);
  for (const day of byMonthDay) if (day < 0) negMonthDaySet[-day] = true;
  return {
    freq: rule.freq,
    interval: rule.interval,
    count: rule.count,
    months: byMonth,
    monthSet: table(byMonth, 13),
    weekdays: byWeekday,
    weekdaySet: table(byWeekday, 7),
    nth: rule.byNthWeekday,
    monthDays: byMonthDay,
    monthDaySet:
      byMonthDay.length === 0
        ? null
        : (table(
            byMonthDay.filter((d) => d > 0),
            32,
          ) ?? []),
    negMonthDaySet,
    setPos: [...new Set(rule.bySetPos)],
    start,
    startDay,
    timeOfDay: start - startDay * DAY_MS,
    startDate,
    startWeek: startDay - mod(weekdayOf(startDay) - rule.wkst, 7),
    wkst: rule.wkst,
  };
}

const periodName: Record<Frequency, string> = {
  DAILY: 'day',
  WEEKLY: 'week',
  MONTHLY: 'month',
  YEARLY: 'year',
};

/** The most candidate days one period of the rule can hold (an upper bound, not exact). */
function mostDaysPerPeriod(p: Plan, nth: readonly NthWeekday[]): number {
  const weekdays = new Set(p.weekdays).size;
  if (p.freq === 'DAILY') return 1;
  if (p.freq === 'WEEKLY') return weekdays > 0 ? weekdays : 7;
  const months = p.months.length > 0 ? [...new Set(p.months)] : allMonths;
  const nthCount = new Set(nth.map(({ weekday, n }) => `${n}${weekday}`)).size;
  const inMonth = (month: number) => {
    let most = MAX_MONTH_LENGTH[month]!;
    if (p.monthDays.length > 0) most = Math.min(most, new Set(p.monthDays).size);
    if (weekdays > 0) most = Math.min(most, 5 * weekdays);
    if (nth.length > 0) most = Math.min(most, nthCount);
    return most;
  };
  if (p.freq === 'MONTHLY') return Math.max(...months.map(inMonth));
  // YEARLY: numbered weekdays without BYMONTH count in the year, a weekday occurs 53 times at most.
  if (nth.length > 0 && p.months.length === 0) return nthCount;
  const inYear = months.reduce((sum, month) => sum + inMonth(month), 0);
  return Math.min(inYear, 366, weekdays > 0 && p.months.length === 0 ? 53 * weekdays : 366);
}

/**
 * Why the rule can never produce an occurrence, found without iterating; null when it may.
 * Catches the impossible combinations (BYMONTH=2;BYMONTHDAY=30, a fifth-or-later weekday of a
 * month that has none, BYSETPOS beyond any period's set). Others are caught by the horizon.
 */
function impossibility(p: Plan): string | null {
  if (p.monthDays.length > 0) {
    const months = p.months.length > 0 ? p.months : allMonths;
    const fits = months.some((month) =>
      p.monthDays.some((day) => Math.abs(day) <= MAX_MONTH_LENGTH[month]!),
    );
    if (!fits)
      return `no month${p.months.length > 0 ? ' of BYMONTH' : ''} has the day BYMONTHDAY=${p.monthDays.join(',')}`;
  }
  // Ordinal weekdays count in the month for MONTHLY and for YEARLY with BYMONTH: at most 5.
  const nthLimit = p.freq === 'MONTHLY' || p.months.length > 0 ? 5 : 53;
  const nth = p.nth.filter(
    ({ weekday, n }) =>
      Math.abs(n) <= nthLimit && (p.weekdaySet === null || p.weekdaySet[weekday] === true),
  );
  if (p.nth.length > 0 && nth.length === 0)
    return p.nth.every(({ n }) => Math.abs(n) > nthLimit)
      ? `a ${nthLimit === 5 ? 'month' : 'year'} has no weekday number ${p.nth.map(({ n }) => n).join(',')}`
      : 'no numbered weekday of BYDAY is also one of its plain weekdays';
  if (p.setPos.length > 0) {
    const most = mostDaysPerPeriod(p, nth);
    if (!p.setPos.some((pos) => Math.abs(pos) <= most))
      return `BYSETPOS=${p.setPos.join(',')} but a ${periodName[p.freq]} has at most ${most} candidate day${most === 1 ? '' : 's'}`;
  }
  return null;
}

/** Why the rule can never occur from this DTSTART, without iterating; null when it may. */
export const neverOccursReason = (rule: RecurrenceRule, start: number): string | null =>
  impossibility(plan(rule, start));

/** The days of [first, last] that are the rule's numbered weekdays. */
function numberedDays(nth: readonly NthWeekday[], first: number, last: number, into: number[]) {
  for (const { weekday, n } of nth) {
    const day =
      n > 0
        ? first + (n - 1) * 7 + mod(weekday - weekdayOf(first), 7)
        : last + (n + 1) * 7 - mod(weekdayOf(last) - weekday, 7);
    if (day >= first && day <= last) into.push(day);
  }
}

/** Whether a day passes BYMONTH, plain BYDAY and BYMONTHDAY (numbered BYDAY is the caller's). */
function passes(p: Plan, epoch: number): boolean {
  const { year, month, day } = civil(epoch);
  return (
    (!p.monthSet || p.monthSet[month] === true) &&
    (!p.weekdaySet || p.weekdaySet[weekdayOf(epoch)] === true) &&
    (!p.monthDaySet ||
      p.monthDaySet[day] === true ||
      p.negMonthDaySet[monthLength(year, month) - day + 1] === true)
  );
}

/** Appends the days of [first, last] that pass, walking the calendar without divisions. */
function scanRange(p: Plan, first: number, last: number, out: number[]) {
  let { year, month, day } = civil(first);
  let length = monthLength(year, month);
  let weekday = weekdayOf(first);
  for (let epoch = first; epoch <= last; epoch++) {
    if (
      (!p.monthSet || p.monthSet[month]) &&
      (!p.weekdaySet || p.weekdaySet[weekday]) &&
      (!p.monthDaySet || p.monthDaySet[day] || p.negMonthDaySet[length - day + 1])
    )
      out.push(epoch);
    weekday = weekday === 6 ? 0 : weekday + 1;
    if (day < length) {
      day++;
    } else {
      day = 1;
      month = month === 12 ? 1 : month + 1;
      if (month === 1) year++;
      length = monthLength(year, month);
    }
  }
}

/**
 * Appends the candidate days of the given months. Each period costs at most one pass over its
 * days; with BYMONTHDAY only the named days are looked at.
 */
function collectMonths(p: Plan, year: number, months: readonly number[], out: number[]) {
  for (const month of months) {
    if (p.monthSet && !p.monthSet[month]) continue;
    const first = epochDay(year, month, 1);
    const length = monthLength(year, month);
    if (p.monthDays.length === 0) {
      scanRange(p, first, first + length - 1, out);
      continue;
    }
    const days = new Set<number>();
    for (const day of p.monthDays) {
      const dayOfMonth = day > 0 ? day : length + day + 1;
      if (dayOfMonth >= 1 && dayOfMonth <= length) days.add(first + dayOfMonth - 1);
    }
    for (const epoch of [...days].sort((a, b) => a - b)) if (passes(p, epoch)) out.push(epoch);
  }
}

/**
 * The candidate days of period k (sorted, before BYSETPOS); returns the period's first day, or
 * null when the period lies beyond MAX_YEAR.
 */
function collectPeriod(p: Plan, k: number, out: number[]): number | null {
  switch (p.freq) {
    case 'DAILY': {
      const day = p.startDay + k * p.interval;
      if (civil(day).year > MAX_YEAR) return null;
      if (passes(p, day)) out.push(day);
      return day;
    }
    case 'WEEKLY': {
      const weekStart = p.startWeek + 7 * p.interval * k;
      const first = k === 0 ? p.startDay : weekStart;
      if (civil(first).year > MAX_YEAR) return null;
      scanRange(p, first, weekStart + 6, out);
      return first;
    }
    case 'MONTHLY':
    case 'YEARLY': {
      let year: number;
      let months: number[];
      if (p.freq === 'MONTHLY') {
        const index = p.startDate.year * 12 + p.startDate.month - 1 + k * p.interval;
        year = Math.floor(index / 12);
        months = [(index % 12) + 1];
      } else {
        year = p.startDate.year + k * p.interval;
        months = allMonths;
      }
      if (year > MAX_YEAR) return null;
      const periodStart = epochDay(year, months[0]!, 1);
      if (p.nth.length === 0) {
        collectMonths(p, year, months, out);
        return periodStart;
      }
      // Numbered weekdays count in the month (MONTHLY, or YEARLY with BYMONTH), else in the
      // year; only those few days are candidates.
      const numbered: number[] = [];
      const ranges: number[] = p.freq === 'MONTHLY' ? months : p.months.length > 0 ? p.months : [];
      for (const month of ranges) {
        const first = epochDay(year, month, 1);
        numberedDays(p.nth, first, first + monthLength(year, month) - 1, numbered);
      }
      if (ranges.length === 0)
        numberedDays(p.nth, periodStart, epochDay(year + 1, 1, 1) - 1, numbered);
      for (const epoch of [...new Set(numbered)].sort((a, b) => a - b))
        if (passes(p, epoch)) out.push(epoch);
      return periodStart;
    }
  }
}

/** The period holding `day`: periods before it end before `day` and can be skipped. */
function periodOf(p: Plan, day: number): number {
  if (day <= p.startDay) return 0;
  switch (p.freq) {
    case 'DAILY':
      return Math.floor((day - p.startDay) / p.interval);
    case 'WEEKLY': {
      const week = day - mod(weekdayOf(day) - p.wkst, 7);
      return Math.floor((week - p.startWeek) / (7 * p.interval));
    }
    case 'MONTHLY': {
      const date = civil(day);
      const months = (date.year - p.startDate.year) * 12 + date.month - p.startDate.month;
      return Math.floor(months / p.interval);
    }
    case 'YEARLY':
      return Math.floor((civil(day).year - p.startDate.year) / p.interval);
  }
}

/** BYSETPOS: the chosen positions of the period's sorted set, as a sorted set. */
function selectPositions(days: readonly number[], positions: readonly number[]): number[] {
  if (positions.length === 0) return [...days];
  const chosen = new Set<number>();
  for (const pos of positions) {
    const day = days[pos > 0 ? pos - 1 : days.length + pos];
    if (day !== undefined) chosen.add(day);
  }
  return [...chosen].sort((a, b) => a - b);
}

export interface OccurrenceQuery {
  /** DTSTART, floating. */
  start: number;
  /** Find the first occurrence after this floating time… */
  after: number;
  /** …or at it. */
  inclusive?: boolean;
  /** Give up on occurrences later than this floating time (the validation horizon). */
  notLaterThan?: number;
  stats?: EvaluationStats;
}

/**
 * The first occurrence (floating) after `after`, counting COUNT from DTSTART, or null when the
 * series has ended, will not occur before `notLaterThan`, or has no occurrence within
 * MAX_PERIODS periods. UNTIL is left to the caller.
 */
export function firstOccurrence(rule: RecurrenceRule, query: OccurrenceQuery): number | null {
  const p = plan(rule, query.start);
  let periods = 0;
  const record = () => {
    if (!query.stats) return;
    query.stats.periods += periods;
    query.stats.maxPeriods = Math.max(query.stats.maxPeriods, periods);
  };
  try {
    if (impossibility(p) !== null) return null;
    // Without COUNT nothing before `after` matters, so the walk starts at its period; with COUNT
    // (at most 1000) it starts at DTSTART to count the occurrences before.
    let k = p.count === null ? periodOf(p, Math.floor(query.after / DAY_MS)) : 0;
    const limit = query.notLaterThan ?? Number.POSITIVE_INFINITY;
    let seen = 0;
    const days: number[] = [];
    for (; periods < MAX_PERIODS; k++) {
      periods++;
      days.length = 0;
      const first = collectPeriod(p, k, days);
      if (first === null || first * DAY_MS > limit) return null;
      for (const day of selectPositions(days, p.setPos)) {
        const time = day * DAY_MS + p.timeOfDay;
        if (time < p.start) continue;
        if (time > limit) return null;
        if (query.inclusive ? time >= query.after : time > query.after) return time;
        seen++;
        if (p.count !== null && seen >= p.count) return null;
      }
    }
    return null;
  } finally {
    record();
  }
}
