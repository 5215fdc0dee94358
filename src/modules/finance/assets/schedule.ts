import { Money } from '../../../platform/money/money.js';

/**
 * The depreciation schedule of a fixed asset (pure; decimal.js, never floats).
 *
 * - Depreciation starts in the month the asset is put in service (a full month) and runs for
 *   `usefulLifeMonths` months.
 * - Every month's amount is rounded half-up to the currency's minor unit; the last month takes the
 *   remainder, so the months always sum to exactly cost − residual value.
 * - Straight line: (cost − residual) / life each month (never more than what is left).
 * - Declining balance: net book value × annual rate / 12 each month, switching to straight line over
 *   the remaining months — (net book value − residual) / months left — as soon as that is larger,
 *   never taking the book value below the residual value.
 */

export type DepreciationMethod = 'straight-line' | 'declining-balance';

export interface ScheduleInput {
  cost: string;
  residualValue: string;
  usefulLifeMonths: number;
  /** YYYY-MM-DD: the first month depreciated is this date's month. */
  inServiceDate: string;
  method: DepreciationMethod;
  /** Declining balance: the annual rate as a decimal fraction ("0.4" is 40 % a year). */
  rate?: string | null;
  /** Decimals of the currency (2 for EUR, 0 for JPY). */
  decimals: number;
  /**
   * An asset brought in part-depreciated: what was depreciated before (outside these books) up to
   * and including the month `depreciatedThrough` (YYYY-MM). The schedule continues with the month
   * after it, over what is left of the useful life, from the book value cost − opening.
   */
  openingAccumulated?: string | undefined;
  depreciatedThrough?: string | null | undefined;
}

export interface ScheduleMonth {
  seq: number;
  /** YYYY-MM */
  period: string;
  /** The last day of the month: the posting date. */
  date: string;
  amount: string;
  accumulated: string;
  bookValue: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month `n` months after `period` (YYYY-MM). */
export function addMonths(period: string, n: number): string {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The last day of a month (YYYY-MM) as YYYY-MM-DD. */
export function monthEnd(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return `${period}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** Months from `from` to `to` (YYYY-MM), counting both: 2026-01 → 2026-03 is 3. */
export function monthsThrough(from: string, to: string): number {
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));
  return index(to) - index(from) + 1;
}

export function depreciationSchedule(input: ScheduleInput): ScheduleMonth[] {
  const round = (v: Money) => v.toDecimalPlaces(input.decimals, Money.ROUND_HALF_UP);
  const fmt = (v: Money) => v.toFixed(input.decimals);
  const cost = new Money(input.cost);
  const residual = new Money(input.residualValue);
  const life = input.usefulLifeMonths;
  const inService = input.inServiceDate.slice(0, 7);
  // Part-depreciated before these books: the months up to `depreciatedThrough` are done.
  const done = input.depreciatedThrough ? Math.max(0, monthsThrough(inService, input.depreciatedThrough)) : 0;
  const opening = input.depreciatedThrough ? new Money(input.openingAccumulated ?? '0') : new Money(0);
  const first = addMonths(inService, done);
  const months: ScheduleMonth[] = [];
  const straight =
    done < life
      ? round(
          cost
            .minus(opening)
            .minus(residual)
            .div(life - done),
        )
      : new Money(0);
  const monthlyRate = input.method === 'declining-balance' ? new Money(input.rate ?? '0').div(12) : null;
  let bookValue = cost.minus(opening);
  for (let seq = done + 1; seq <= life; seq++) {
    const left = bookValue.minus(residual);
    let amount: Money;
    if (seq === life) amount = left;
    else if (monthlyRate === null) amount = Money.min(straight, left);
    else {
      const declining = round(bookValue.times(monthlyRate));
      const remaining = round(left.div(life - seq + 1));
      amount = Money.min(Money.max(declining, remaining), left);
    }
    bookValue = bookValue.minus(amount);
    const period = addMonths(first, seq - done - 1);
    months.push({
      seq,
      period,
      date: monthEnd(period),
      amount: fmt(amount),
      accumulated: fmt(cost.minus(bookValue)),
      bookValue: fmt(bookValue),
    });
  }
  return months;
}
