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
export const addDays = (date: string, days: number) => new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
/** Calendar days from `from` to `to`, both included (0 when `to` is before `from`). */
export const daysInclusive = (from: string, to: string) =>
  Math.max(0, Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1);
export const maxDate = (a: string, b: string) => (a > b ? a : b);
export const minDate = (a: string, b: string) => (a < b ? a : b);
export const today = () => new Date().toISOString().slice(0, 10);

// ---- request fields ----------------------------------------------------------------------------

export const uuid = z.uuid({ message: 'Not a valid id.' });
export const IdParam = z.object({ id: uuid });
export const isoDate = z.iso.date({ message: 'A date as YYYY-MM-DD.' }).openapi({ example: '2026-11-30' });
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.')
  .openapi({ example: 'EUR' });
/** A non-negative amount with at most 2 decimals, as a string (never a JSON number). */
export const amountString = z
  .string({ error: 'Send amounts as decimal strings, e.g. "60000.00".' })
  .trim()
  .regex(/^(0|[1-9]\d{0,11})(\.\d{1,2})?$/, 'A non-negative decimal string with at most 2 decimals, e.g. "60000.00".')
  .openapi({ example: '60000.00' });
/** A percentage 0–100 with at most 4 decimals, as a string. */
export const rateString = z
  .string({ error: 'Send the rate as a decimal string, e.g. "7.5".' })
  .trim()
  .regex(/^(0|[1-9]\d{0,2})(\.\d{1,4})?$/, 'A percentage as a decimal string with at most 4 decimals, e.g. "7.5".')
  .refine((v) => new Money(v).lte(100), 'A percentage is at most 100.')
  .openapi({ example: '7.5' });
export const payFrequencies = ['monthly', 'semi_monthly', 'biweekly', 'weekly'] as const;
export const payFrequency = z.enum(payFrequencies);
export const optionalNote = (max = 2000) => z.string().trim().max(max).optional();
export const formatQuery = z.object({
  format: z.enum(['json', 'csv']).default('json').openapi({ description: 'json (default) or csv' }),
});

export const iso = (d: Date | string | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString();
export const isoRequired = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();
