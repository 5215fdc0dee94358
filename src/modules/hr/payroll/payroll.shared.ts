import { z } from '@hono/zod-openapi';
import { Decimal } from 'decimal.js';
import { minorUnits, Money } from '../../../platform/money/money.js';

export { Money } from '../../../platform/money/money.js';

/**
 * Payroll amounts are stored with 2 decimals; a currency with fewer (JPY) rounds to its own unit,
 * one with more (KWD) to cents, so every amount fits numeric(14,2) and the ledger's rules.
 */
export function payDecimals(currency: string): number {
  return Math.min(minorUnits(currency), 2);
}

/** Rounds half-up to the currency's payroll decimals; always formatted with 2 decimals. */
export function roundPay(value: Decimal, currency: string): Decimal {
  return value.toDecimalPlaces(payDecimals(currency), Decimal.ROUND_HALF_UP);
}

/** numeric '7.5000' → '7.5', '1.0000000000' → '1'. */
export const trimDecimal = (value: string) => value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

export const fmt = (value: Decimal | string): string => new Money(value).toFixed(2);

// ---- dates ('YYYY-MM-DD' strings; string order is date order) ---------------------------------

const DAY_MS = 86_400_000;
const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
export { addDays } from '../../../platform/dates.js';
/** Calendar days from `from` to `to`, both included (0 when `to` is before `from`). */
export const daysInclusive = (from: string, to: string) =>
  Math.max(0, Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1);
export const maxDate = (a: string, b: string) => (a > b ? a : b);
export const minDate = (a: string, b: string) => (a < b ? a : b);

// ---- request fields ----------------------------------------------------------------------------

/** A percentage 0–100 with at most 4 decimals, as a string. */
export const rateString = z
  .string({ error: 'Send the rate as a decimal string, e.g. "7.5".' })
  .trim()
  .regex(/^(0|[1-9]\d{0,2})(\.\d{1,4})?$/, {
    message: 'A percentage as a decimal string with at most 4 decimals, e.g. "7.5".',
    abort: true, // the refinement below parses the value: it must not run on one that is not a number
  })
  .refine((v) => new Money(v).lte(100), 'A percentage is at most 100.')
  .openapi({ example: '7.5' });
export const payFrequencies = ['monthly', 'semi_monthly', 'biweekly', 'weekly'] as const;
export const payFrequency = z.enum(payFrequencies);
export const optionalNote = (max = 2000) => z.string().trim().max(max).optional();
