import { describe, expect, it } from 'vitest';
import { dayKey, dayLabel, localWhen, timeOfDay } from './dates.ts';

// 23:30 UTC on 1 Dec: already Wednesday 2 Dec in Kolkata.
const now = new Date('2026-12-01T23:30:00Z');

describe('the day of an instant', () => {
  it('is the day in the user’s zone, not the browser’s', () => {
    expect(dayKey(now, 'Asia/Kolkata')).toBe('2026-12-02');
    expect(dayKey(now, 'America/Chicago')).toBe('2026-12-01');
  });

  it('is named relative to today, else by weekday and date, with the year when not this one', () => {
    expect(dayLabel('2026-12-02', '2026-12-02')).toBe('Today');
    expect(dayLabel('2026-12-03', '2026-12-02')).toBe('Tomorrow');
    expect(dayLabel('2026-12-01', '2026-12-02')).toBe('Yesterday');
    expect(dayLabel('2026-12-04', '2026-12-02')).toBe('Fri 4 Dec');
    expect(dayLabel('2027-01-04', '2026-12-02')).toBe('Mon 4 Jan 2027');
  });
});

describe('an instant as the user reads it', () => {
  it('is the day and the 24-hour time of the user’s zone, never UTC', () => {
    expect(timeOfDay('2026-12-02T03:30:00Z', 'Asia/Kolkata')).toBe('09:00');
    expect(localWhen('2026-12-02T03:30:00Z', 'Asia/Kolkata', now)).toBe('Today 09:00');
    expect(localWhen('2026-12-04T11:30:00Z', 'Asia/Kolkata', now)).toBe('Fri 4 Dec 17:00');
    expect(localWhen('2026-12-02T03:30:00Z', 'America/Chicago', now)).toBe('Today 21:30');
  });
});
