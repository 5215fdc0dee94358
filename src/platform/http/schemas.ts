import { z } from '@hono/zod-openapi';

/**
 * The schema kit every module builds its requests and responses from: one spelling of an id, a date,
 * a currency, an amount, a boolean in a query, so the API reads the same everywhere and a fix lands
 * once. Module-specific shapes stay in the module's `*.schemas.ts`.
 */

export const uuid = z.uuid({ message: 'Not a valid id.' });
/** `/{id}` path parameter. */
export const IdParam = z.object({ id: uuid });

/**
 * The dates a business record may carry. PostgreSQL has no year 0 and JavaScript writes years past
 * 9999 with six digits, so a date outside these bounds is refused at the edge (422) instead of
 * failing in the database; every module's dates, timestamps and months go through the schemas below.
 */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '9999-12-31';
const DATE_RANGE = `A date between ${MIN_DATE} and ${MAX_DATE}.`;
const inRange = (value: string) => value.slice(0, 10) >= MIN_DATE && value.slice(0, 10) <= MAX_DATE;

/** A calendar date without time, `YYYY-MM-DD`, that exists (no 2026-02-30), from 1900 to 9999. */
export const isoDate = z.iso
  .date({ message: 'A date as YYYY-MM-DD.', abort: true })
  .refine(inRange, DATE_RANGE)
  .openapi({ example: '2026-11-30' });

/** A date and time with a UTC offset (ISO 8601, `2026-11-30T09:30:00Z`), its date from 1900 to 9999. */
export const isoDateTime = z.iso
  .datetime({ offset: true, message: 'An ISO 8601 date-time, e.g. 2026-11-30T09:30:00Z.', abort: true })
  .refine(inRange, DATE_RANGE)
  .openapi({ example: '2026-11-30T09:30:00Z' });

/** A calendar month, `YYYY-MM` (a fiscal period, a report's range), from 1900-01 to 9999-12. */
export const isoMonth = (message = 'A month as YYYY-MM.') =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message, abort: true })
    .refine((v) => inRange(`${v}-01`), `A month between ${MIN_DATE.slice(0, 7)} and ${MAX_DATE.slice(0, 7)}.`)
    .openapi({ example: '2027-01' });

/** An ISO 4217 currency code. */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'A currency is a three-letter ISO 4217 code, e.g. EUR.')
  .openapi({ example: 'EUR' });

/** `?flag=true|false` (a query string carries no booleans). */
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A required, trimmed, non-empty text of at most `max` characters. */
export const shortText = (max = 200) => z.string().trim().min(1, 'Required.').max(max);
/** An optional text (null clears it) of at most `max` characters. */
export const optionalText = (max = 200) => z.string().trim().max(max).nullable().optional();

export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Not a valid email address.' }).max(254));

/** `?version=` on DELETE: the version the caller last saw (a stale one is a 409). */
export const DeleteQuery = z.object({ version: z.coerce.number().int().min(1) });

export interface AmountOptions {
  /** Most decimals accepted (the column's scale): 4 for the ledger, 2 for payroll. */
  decimals?: number;
  /** Most integer digits (the column's precision less its scale). */
  integerDigits?: number;
  example?: string;
}

/**
 * The one money wire format: a non-negative decimal **string** (never a JSON number, so no float
 * ever touches it), no leading zeros, at most `decimals` decimals. `"1e309"`, `"NaN"`, `"-1"`,
 * `"007"` and `1.5` are refused with a message that says so.
 */
export function amount({ decimals = 4, integerDigits = 15, example = '1250.00' }: AmountOptions = {}) {
  const pattern = new RegExp(`^(0|[1-9]\\d{0,${integerDigits - 1}})(\\.\\d{1,${decimals}})?$`);
  return z
    .string({ error: `Send amounts as decimal strings, e.g. "${example}".` })
    .trim()
    .regex(
      pattern,
      `Not a valid amount: use a non-negative decimal string with at most ${decimals} decimals, e.g. "${example}".`,
    )
    .openapi({ example });
}

/** `?format=json|csv` on routes that answer either. */
export const FormatQuery = z.object({
  format: z.enum(['json', 'csv']).default('json').openapi({ description: 'json (default) or csv' }),
});
