/**
 * A relative reminder's ISO 8601 duration ("-PT30M") as the editor shows it: an amount, a unit,
 * and before or after the due time.
 */
export const offsetUnits = ['minutes', 'hours', 'days', 'weeks', 'seconds'] as const;
export type OffsetUnit = (typeof offsetUnits)[number];

export interface OffsetParts {
  amount: number;
  unit: OffsetUnit;
  direction: 'before' | 'after';
}

const seconds: Record<OffsetUnit, number> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86_400,
  weeks: 604_800,
};

const pattern =
  /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/**
 * One component ("-P2D") shows as it is; a mixed duration ("-P1DT2H") as its total in the
 * largest unit that divides it. The stored text itself is kept while the row is not edited (see
 * task-form.ts), so the second case never rewrites a reminder that nobody touched.
 */
export function offsetParts(offset: string): OffsetParts {
  const match = pattern.exec(offset.trim());
  if (!match) return { amount: 0, unit: 'minutes', direction: 'before' };
  const [, sign, w, d, h, m, s] = match;
  const direction = sign === '-' ? 'before' : 'after';
  const given = (
    [
      ['weeks', w],
      ['days', d],
      ['hours', h],
      ['minutes', m],
      ['seconds', s],
    ] as const
  ).filter(([, value]) => value !== undefined && Number(value.replace(',', '.')) !== 0);
  if (given.length === 0) return { amount: 0, unit: 'minutes', direction: 'before' };
  if (given.length === 1 && Number.isInteger(Number(given[0]![1]))) {
    return { amount: Number(given[0]![1]), unit: given[0]![0], direction };
  }
  const total = given.reduce(
    (sum, [unit, value]) => sum + Number((value ?? '0').replace(',', '.')) * seconds[unit],
    0,
  );
  const unit = (['weeks', 'days', 'hours', 'minutes'] as const).find(
    (candidate) => total % seconds[candidate] === 0,
  );
  return unit
    ? { amount: total / seconds[unit], unit, direction }
    : { amount: total, unit: 'seconds', direction };
}

/** The ISO 8601 duration of an amount, unit and direction. */
export function offsetText({ amount, unit, direction }: OffsetParts): string {
  if (amount === 0) return 'PT0S';
  const sign = direction === 'before' ? '-' : '';
  const value = Math.abs(amount);
  switch (unit) {
    case 'weeks':
      return `${sign}P${value}W`;
    case 'days':
      return `${sign}P${value}D`;
    case 'hours':
      return `${sign}PT${value}H`;
    case 'minutes':
      return `${sign}PT${value}M`;
    case 'seconds':
      return `${sign}PT${value}S`;
  }
}
