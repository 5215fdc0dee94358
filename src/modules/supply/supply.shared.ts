import { z } from '@hono/zod-openapi';

/** A quantity > 0 as a decimal string, up to 15 integer digits and 4 decimals (never a float). */
export const quantity = z
  .string({ error: 'Send quantities as decimal strings, e.g. "2.5".' })
  .trim()
  .regex(/^(0|[1-9]\d{0,14})(\.\d{1,4})?$/, 'A quantity is a decimal string with at most 4 decimals, e.g. "2.5".')
  .refine((v) => !/^0(\.0+)?$/.test(v), 'The quantity must be greater than 0.')
  .openapi({ example: '10' });
/** A quantity ≥ 0. */
export const quantityOrZero = z
  .string({ error: 'Send quantities as decimal strings, e.g. "2.5".' })
  .trim()
  .regex(/^(0|[1-9]\d{0,14})(\.\d{1,4})?$/, 'A quantity is a non-negative decimal string with at most 4 decimals.')
  .openapi({ example: '0' });
/** A unit cost or price ≥ 0, up to 6 decimals. */
export const unitCost = z
  .string({ error: 'Send costs as decimal strings, e.g. "12.50".' })
  .trim()
  .regex(/^(0|[1-9]\d{0,12})(\.\d{1,6})?$/, 'A cost is a non-negative decimal string with at most 6 decimals.')
  .openapi({ example: '12.50' });
export const percent = z
  .string()
  .regex(/^(0|[1-9]\d{0,2})(\.\d{1,4})?$/, 'A percentage as a decimal string, e.g. "5".')
  .openapi({ example: '5' });
export const code = (max = 40) =>
  z
    .string()
    .trim()
    .min(1, 'Required.')
    .max(max)
    .regex(/^[A-Za-z0-9_.\-/]+$/, 'Letters, digits, dot, dash, slash and underscore.');

export const timestamps = { version: z.number().int(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };

/** '12.5000' → '12.5' (numeric columns carry trailing zeros). */
export function trimZeros(v: string | number): string {
  const s = String(v);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
