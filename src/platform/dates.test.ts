import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, weekStartOf } from './dates.js';

describe('date arithmetic on YYYY-MM-DD', () => {
  it('adds days across months, leap days and years, backwards too', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('finds the Monday of the ISO week', () => {
    expect(weekStartOf('2026-12-04')).toBe('2026-11-30'); // a Friday
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28');
  });
});
