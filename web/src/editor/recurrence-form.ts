import type { Recurrence, RecurrenceInput } from '../../../schemas/recurrence.ts';

/**
 * The recurrence editor's state. The structured kinds are what schemas/recurrence.ts's
 * structured rule can say; any other stored RRULE is kind `rrule` and its text is kept as it is.
 */
export const frequencies = ['daily', 'weekly', 'monthly', 'yearly'] as const;
export type Frequency = (typeof frequencies)[number];

export interface RecurrenceForm {
  kind: 'none' | Frequency | 'rrule';
  interval: number;
  /** 0 = Sunday … 6 = Saturday; none picked repeats on the due date's weekday. */
  days_of_week: number[];
  /** Monthly and yearly; null repeats on the due date's day. */
  day_of_month: number | null;
  /** Yearly; 1 = January; null repeats in the due date's month. */
  month: number | null;
  end: 'never' | 'date' | 'count';
  /** The end date as shown (a `date` value), and the stored UNTIL it was shown from. */
  end_date: string;
  end_date_shown: string;
  end_date_source: string | null;
  count: number;
  repeat_from: 'due' | 'completion';
  missed: 'keep' | 'skip';
  rrule: string;
}

export const weekdayCodes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

export const noRecurrence = (): RecurrenceForm => ({
  kind: 'none',
  interval: 1,
  days_of_week: [],
  day_of_month: null,
  month: null,
  end: 'never',
  end_date: '',
  end_date_shown: '',
  end_date_source: null,
  count: 10,
  repeat_from: 'due',
  missed: 'keep',
  rrule: '',
});

type Structured = Pick<
  RecurrenceForm,
  'interval' | 'days_of_week' | 'day_of_month' | 'month' | 'end' | 'count'
> & { kind: Frequency; until: string | null };

const integer = (text: string | undefined, min: number, max: number): number | undefined => {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
};

/**
 * A day of month as the server spells it: a plain BYMONTHDAY up to 28; 29–31 as "that day or
 * the month's last" (BYMONTHDAY=28,29,…;BYSETPOS=-1).
 */
function dayOfMonth(byMonthDay: string | undefined, bySetPos: string | undefined): number | null {
  if (byMonthDay === undefined) return bySetPos === undefined ? null : Number.NaN;
  const days = byMonthDay.split(',');
  if (days.length === 1 && bySetPos === undefined) {
    const day = integer(days[0], 1, 28);
    return day ?? Number.NaN;
  }
  const last = days.length + 27;
  const clamped = bySetPos === '-1' && last >= 29 && last <= 31;
  return clamped && days.every((day, index) => day === String(28 + index)) ? last : Number.NaN;
}

/** The rule when the structured editor can say it exactly; undefined otherwise. */
export function structuredFromRRule(rrule: string): Structured | undefined {
  const parts = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    if (!part) continue;
    const [key, value, ...rest] = part.split('=');
    if (!key || value === undefined || rest.length > 0 || parts.has(key.toUpperCase()))
      return undefined;
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const kind = parts.get('FREQ')?.toLowerCase() as Frequency | undefined;
  if (!kind || !frequencies.includes(kind)) return undefined;
  const known = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL']);
  const interval = parts.has('INTERVAL') ? integer(parts.get('INTERVAL'), 1, 365) : 1;
  const count = parts.has('COUNT') ? integer(parts.get('COUNT'), 1, 1000) : undefined;
  if (interval === undefined || (parts.has('COUNT') && count === undefined)) return undefined;
  let until: string | null = null;
  if (parts.has('UNTIL')) {
    const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(parts.get('UNTIL')!);
    if (!match) return undefined;
    until = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}.000Z`;
    if (Number.isNaN(Date.parse(until))) return undefined;
  }
  if (count !== undefined && until) return undefined;
  let days_of_week: number[] = [];
  if (kind === 'weekly' && parts.has('BYDAY')) {
    known.add('BYDAY');
    const codes = parts.get('BYDAY')!.split(',');
    days_of_week = codes.map((code) => weekdayCodes.indexOf(code as (typeof weekdayCodes)[number]));
    if (days_of_week.includes(-1) || new Set(days_of_week).size !== codes.length) return undefined;
    days_of_week.sort((a, b) => a - b);
  }
  let day_of_month: number | null = null;
  let month: number | null = null;
  if (kind === 'monthly' || kind === 'yearly') {
    known.add('BYMONTHDAY').add('BYSETPOS');
    day_of_month = dayOfMonth(parts.get('BYMONTHDAY'), parts.get('BYSETPOS'));
    if (Number.isNaN(day_of_month)) return undefined;
  }
  if (kind === 'yearly') {
    known.add('BYMONTH');
    month = parts.has('BYMONTH') ? (integer(parts.get('BYMONTH'), 1, 12) ?? Number.NaN) : null;
    // The structured rule says a day only together with its month.
    if (Number.isNaN(month) || (month === null && day_of_month !== null)) return undefined;
  }
  if ([...parts.keys()].some((key) => !known.has(key))) return undefined;
  return {
    kind,
    interval,
    days_of_week,
    day_of_month,
    month,
    end: count !== undefined ? 'count' : until ? 'date' : 'never',
    count: count ?? 10,
    until,
  };
}

/** The form of a stored recurrence; `dateOf` shows an instant as a date in the task's zone. */
export function recurrenceForm(
  recurrence: Recurrence | null,
  dateOf: (instant: string) => string,
): RecurrenceForm {
  if (!recurrence) return noRecurrence();
  const base: RecurrenceForm = {
    ...noRecurrence(),
    kind: 'rrule',
    rrule: recurrence.rrule,
    repeat_from: recurrence.repeat_from,
    missed: recurrence.missed ?? 'keep',
  };
  const structured = structuredFromRRule(recurrence.rrule);
  if (!structured) return base;
  const { until, ...rest } = structured;
  const shown = until ? dateOf(until) : '';
  return { ...base, ...rest, end_date: shown, end_date_shown: shown, end_date_source: until };
}

/**
 * What the form says, as the API takes it. An end date nobody changed is the stored UNTIL
 * itself; a new one is the end of that day in the task's zone (`endOfDay`).
 */
export function recurrenceInput(
  form: RecurrenceForm,
  endOfDay: (date: string) => string,
): RecurrenceInput | null {
  if (form.kind === 'none') return null;
  const series = { repeat_from: form.repeat_from, missed: form.missed };
  if (form.kind === 'rrule') return { rrule: form.rrule.trim(), ...series };
  const end =
    form.end === 'count'
      ? { count: form.count }
      : form.end === 'date' && form.end_date
        ? {
            end_date:
              form.end_date === form.end_date_shown && form.end_date_source
                ? form.end_date_source
                : endOfDay(form.end_date),
          }
        : {};
  return {
    frequency: form.kind,
    interval: form.interval,
    ...(form.kind === 'weekly' && form.days_of_week.length > 0
      ? { days_of_week: [...form.days_of_week].sort((a, b) => a - b) }
      : {}),
    ...((form.kind === 'monthly' || form.kind === 'yearly') && form.day_of_month !== null
      ? { day_of_month: form.day_of_month }
      : {}),
    ...(form.kind === 'yearly' && form.month !== null ? { month: form.month } : {}),
    ...end,
    ...series,
  };
}
