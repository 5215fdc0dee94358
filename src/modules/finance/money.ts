import { Decimal } from 'decimal.js';
import { z } from '@hono/zod-openapi';
import { minorUnits, Money } from '../../platform/money/money.js';

export { minorUnits, Money } from '../../platform/money/money.js';

/** Rounds to the currency's minor unit, half-up. */
export function roundTo(value: Decimal, currency: string): Decimal {
  return value.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
}

/** A decimal string for the wire and for numeric columns, with exactly the currency's decimals. */
export function format(value: Decimal, currency: string): string {
  return value.toFixed(minorUnits(currency), Decimal.ROUND_HALF_UP);
}

/** The database's numeric(19, 4) → the currency's decimals. */
export function formatDb(value: string, currency: string): string {
  return format(new Money(value), currency);
}

/** A positive exchange rate as a decimal string (units of base currency per unit of document currency). */
export const rateString = z
  .string()
  .regex(/^(0|[1-9]\d{0,9})(\.\d{1,10})?$/, {
    message: 'Not a valid exchange rate: use a decimal string such as "1.0845".',
    abort: true, // the refinement below parses the value: it must not run on one that is not a number
  })
  .refine((v) => new Money(v).gt(0), 'The exchange rate must be greater than 0.')
  .openapi({ example: '1.0845' });

/** Checks an amount has no more decimals than its currency allows. */
export function fitsCurrency(amount: string, currency: string): boolean {
  const decimals = amount.split('.')[1]?.length ?? 0;
  return decimals <= minorUnits(currency);
}
