import { Decimal } from 'decimal.js';
import { addDays, addMonths } from '../../../platform/dates.js';
import { Money, format, minorUnits } from '../money.js';

/** One instalment of a payment term: a share of the total, due some days after the document date. */
export interface TermInstalment {
  percent: string;
  days: number;
}

export interface ScheduledInstalment {
  seq: number;
  dueDate: string;
  percent: string;
  /** In the document's currency, with its decimals. */
  amount: string;
  /** Paid by this date, the instalment may be paid less `discountAmount` (early-payment discount). */
  discountUntil: string | null;
  discountAmount: string;
}

/** Whether the percents sum to exactly 100. */
export const percentsSumTo100 = (instalments: readonly TermInstalment[]) =>
  instalments.reduce((s, i) => s.plus(i.percent), new Decimal(0)).eq(100);

/**
 * The instalment schedule of a document: each instalment is round(total × percent / 100) in the
 * currency's minor units (half-up), the last takes what is left — so the amounts always sum exactly
 * to the total, and none is negative (an instalment never takes more than is left).
 */
export function instalmentSchedule(
  total: string,
  currency: string,
  documentDate: string,
  instalments: readonly TermInstalment[],
  discount: { percent: string; days: number } | null = null,
): ScheduledInstalment[] {
  if (instalments.length === 0) throw new Error('A payment term has at least one instalment.');
  const scale = minorUnits(currency);
  const whole = new Money(total).toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
  let left = whole;
  return instalments.map((inst, i) => {
    const last = i === instalments.length - 1;
    const share = whole.times(inst.percent).div(100).toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
    const amount = last ? left : Decimal.min(share, left);
    left = left.minus(amount);
    const discounted = discount && new Decimal(discount.percent).gt(0);
    return {
      seq: i + 1,
      dueDate: addDays(documentDate, inst.days),
      percent: new Decimal(inst.percent).toString(),
      amount: format(amount, currency),
      discountUntil: discounted ? addDays(documentDate, discount.days) : null,
      discountAmount: format(
        discounted
          ? amount.times(discount.percent).div(100).toDecimalPlaces(scale, Decimal.ROUND_HALF_UP)
          : new Decimal(0),
        currency,
      ),
    };
  });
}

/**
 * Allocates what has been paid on a document to its instalments, oldest due first: each instalment's
 * paid and open amounts.
 */
export function settleOldestFirst<T extends { amount: string; dueDate: string; seq: number }>(
  instalments: readonly T[],
  paid: string,
): (T & { paid: Decimal; open: Decimal })[] {
  let left = Decimal.max(new Decimal(paid), 0);
  return [...instalments]
    .sort((a, b) => (a.dueDate === b.dueDate ? a.seq - b.seq : a.dueDate < b.dueDate ? -1 : 1))
    .map((inst) => {
      const amount = new Decimal(inst.amount);
      const take = Decimal.min(amount, left);
      left = left.minus(take);
      return { ...inst, paid: take, open: amount.minus(take) };
    });
}

/** Splits `value` over `weights` in proportion, in minor units, the last taking the remainder. */
export function splitProportionally(value: Decimal, weights: readonly Decimal[], scale: number): Decimal[] {
  const sum = weights.reduce((s, w) => s.plus(w), new Decimal(0));
  let left = value;
  return weights.map((w, i) => {
    if (i === weights.length - 1) return left;
    const part = sum.eq(0) ? new Decimal(0) : value.times(w).div(sum).toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
    left = left.minus(part);
    return part;
  });
}

export type { Frequency } from './terms.tables.js';

const STEP: Record<'monthly' | 'quarterly' | 'yearly', number> = { monthly: 1, quarterly: 3, yearly: 12 };

/**
 * The issue dates of a recurring schedule from its start (inclusive) up to `through`: every
 * month / three months / twelve months from the start's month, on `dayOfMonth` (the month's last day
 * when it is shorter), never before the start nor after the end date.
 */
export function occurrences(
  schedule: {
    frequency: 'monthly' | 'quarterly' | 'yearly';
    dayOfMonth: number;
    startDate: string;
    endDate: string | null;
  },
  through: string,
  limit = 240,
): string[] {
  const out: string[] = [];
  const first = `${schedule.startDate.slice(0, 7)}-01`;
  for (let k = 0; out.length < limit; k += STEP[schedule.frequency]) {
    const month = addMonths(first, k);
    const day = clampDay(month, schedule.dayOfMonth);
    if (day > through || (schedule.endDate !== null && day > schedule.endDate)) break;
    if (day >= schedule.startDate) out.push(day);
  }
  return out;
}

/** `dayOfMonth` of the month of `monthStart`, or the month's last day when it has fewer days. */
function clampDay(monthStart: string, dayOfMonth: number): string {
  const [y, m] = monthStart.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${monthStart.slice(0, 7)}-${String(Math.min(dayOfMonth, last)).padStart(2, '0')}`;
}

/** The period an issue date belongs to (one issue per template and period): its month. */
export const periodOf = (issueDate: string) => issueDate.slice(0, 7);

/** The next issue date after `after` (exclusive), or null when the schedule has ended. */
export function nextOccurrence(
  schedule: {
    frequency: 'monthly' | 'quarterly' | 'yearly';
    dayOfMonth: number;
    startDate: string;
    endDate: string | null;
  },
  after: string | null,
): string | null {
  const from = after === null || after < schedule.startDate ? null : after;
  const horizon = addMonths(from ?? schedule.startDate, 13);
  const all = occurrences(schedule, horizon, 400);
  return all.find((d) => from === null || d > from) ?? null;
}
