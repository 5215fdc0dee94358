import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  comparisonPeriod,
  daysBetween,
  isoFromEpochMs,
  isoTimestamp,
  isWholeMonths,
  weekStartOf,
} from './dates.js';

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

  it('moves by months, clamping to the month end and keeping a month end when asked', () => {
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-02-28', 1)).toBe('2026-03-28');
    expect(addMonths('2026-02-28', 1, true)).toBe('2026-03-31');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2025-02-28', -12, true)).toBe('2024-02-29');
  });

  it('finds the period a report compares with', () => {
    expect(isWholeMonths('2026-11-01', '2026-11-30')).toBe(true);
    expect(isWholeMonths('2026-11-02', '2026-11-30')).toBe(false);
    // A month against the month before it, a quarter against the quarter before.
    expect(comparisonPeriod('2026-03-01', '2026-03-31', 'previous-period')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(comparisonPeriod('2026-04-01', '2026-06-30', 'previous-period')).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
    // Any other range against as many days just before it.
    expect(comparisonPeriod('2026-03-10', '2026-03-19', 'previous-period')).toEqual({
      from: '2026-02-28',
      to: '2026-03-09',
    });
    // The same dates a year earlier; February's end stays the month's end.
    expect(comparisonPeriod('2025-01-01', '2025-02-28', 'previous-year')).toEqual({
      from: '2024-01-01',
      to: '2024-02-29',
    });
    expect(comparisonPeriod('2026-01-01', '2026-12-31', 'previous-year')).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
  });
});

describe('timestamps as ISO strings', () => {
  it('writes what toISOString writes, for 200,000 random instants and the edges', () => {
    const edges = [
      0,
      1,
      999,
      86_399_999,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(2000, 2, 1),
      Date.UTC(2100, 1, 28, 12),
      Date.UTC(2100, 2, 1),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const samples = Array.from({ length: 200_000 }, (_, i) =>
      Math.floor((i % 2 ? random() * random() : random()) * 253_402_300_800_000),
    );
    for (const ms of [...edges, ...samples]) expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
  });

  it('leaves instants before 1970 or after 9999 to toISOString, and refuses an invalid date as it does', () => {
    for (const ms of [-1, Date.UTC(1969, 11, 31, 23, 59, 59, 999), Date.UTC(-50, 0, 1), 253_402_300_800_000, 1.5]) {
      expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
    }
    expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError);
    expect(isoTimestamp('2026-12-06T01:02:03.004Z')).toBe('2026-12-06T01:02:03.004Z');
    expect(isoTimestamp(new Date('2026-12-06T01:02:03.004+02:00'))).toBe('2026-12-05T23:02:03.004Z');
  });
});
