import type { EndPortion, StartPortion } from './leave.tables.js';

/** Pure date arithmetic on 'YYYY-MM-DD' strings (UTC, no time zones) and the working-day count. */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export const isWeekend = (date: string): boolean => {
  const d = weekday(date);
  return d === 0 || d === 6;
};

export const yearOf = (date: string): number => Number(date.slice(0, 4));

/** Every date from `from` to `to`, both included. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++) out.push(fromDayNumber(n));
  return out;
}

export interface LeaveSpan {
  startDate: string;
  endDate: string;
  /** 'pm': the first day starts at noon (only its afternoon is off). */
  startPortion: StartPortion;
  /** 'am': the last day ends at noon (only its morning is off). */
  endPortion: EndPortion;
}

/**
 * Working half-days in a span: Saturdays, Sundays and `holidays` count nothing; every other day
 * counts 2 half-days, less one when it is the first day and starts in the afternoon, less one when
 * it is the last day and ends at noon. An integer, so no rounding ever happens.
 */
export function workingHalfDays(span: LeaveSpan, holidays: ReadonlySet<string>): number {
  let total = 0;
  for (const date of eachDate(span.startDate, span.endDate)) {
    if (isWeekend(date) || holidays.has(date)) continue;
    let units = 2;
    if (date === span.startDate && span.startPortion === 'pm') units -= 1;
    if (date === span.endDate && span.endPortion === 'am') units -= 1;
    total += units;
  }
  return total;
}

/** Half-days as the decimal string stored in numeric(5,1) columns: 5 → '2.5'. */
export function halfDaysToString(halfDays: number): string {
  const sign = halfDays < 0 ? '-' : '';
  const abs = Math.abs(halfDays);
  return `${sign}${Math.floor(abs / 2)}.${abs % 2 === 0 ? '0' : '5'}`;
}

/**
 * The half-day slots a span occupies, [from, to) on a line of half-days, so that a morning and an
 * afternoon of the same date do not overlap.
 */
export function slots(span: LeaveSpan): [number, number] {
  return [
    dayNumber(span.startDate) * 2 + (span.startPortion === 'pm' ? 1 : 0),
    dayNumber(span.endDate) * 2 + (span.endPortion === 'am' ? 1 : 2),
  ];
}
