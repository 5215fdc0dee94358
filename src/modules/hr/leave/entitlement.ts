import { Decimal } from 'decimal.js';
import { dayNumber } from './working-days.js';

/** Day figures: decimal, never binary floating point; leave moves in half days. */
export const Days = Decimal.clone({ precision: 20, rounding: Decimal.ROUND_HALF_UP });
export type Days = Decimal;

export const days = (value: string | number): Days => new Days(value);
export const formatDays = (value: Days): string => value.toFixed(1);

/** Rounds to the nearest half day, halves up (2.25 → 2.5, 2.2 → 2.0). */
export function toHalfDays(value: Days): Days {
  return value.times(2).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).div(2);
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The part of a yearly allowance earned in `year` by someone employed from `startDate` to
 * `endDate` (null: still employed): allowance × calendar days employed in the year ÷ days in the
 * year, rounded to the nearest half day (halves up). A full year gives the allowance exactly.
 */
export function proRatedEntitlement(allowance: string, year: number, startDate: string, endDate: string | null): Days {
  const first = dayNumber(`${year}-01-01`);
  const last = dayNumber(`${year}-12-31`);
  const from = Math.max(first, dayNumber(startDate));
  const to = Math.min(last, endDate ? dayNumber(endDate) : last);
  if (to < from) return days(0);
  const employed = to - from + 1;
  const inYear = isLeap(year) ? 366 : 365;
  if (employed === inYear) return days(allowance);
  return toHalfDays(days(allowance).times(employed).div(inYear));
}

/** The last day of `month` in `year` ('YYYY-MM-DD'). */
export function endOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export interface BalanceInputs {
  entitlement: Days;
  carriedOver: Days;
  carriedOverExpiresOn: string | null;
  /** Approved days in the year. */
  taken: Days;
  /** Submitted, undecided days in the year. */
  pending: Days;
  /** Approved or submitted days of leave starting on or before the expiry date. */
  bookedBeforeExpiry: Days;
}

/**
 * Carried-over days can only be used by leave that starts on or before their expiry date: once
 * `asOf` is past it, what was not booked by then is lost (`expired`).
 */
export function balanceFigures(b: BalanceInputs, asOf: string) {
  const expired =
    b.carriedOverExpiresOn !== null && asOf > b.carriedOverExpiresOn
      ? Decimal.max(0, b.carriedOver.minus(b.bookedBeforeExpiry))
      : days(0);
  const available = b.entitlement.plus(b.carriedOver).minus(expired).minus(b.taken).minus(b.pending);
  return { expired, available };
}
