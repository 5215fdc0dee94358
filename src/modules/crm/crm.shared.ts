import { z } from '@hono/zod-openapi';
import { Decimal } from 'decimal.js';

/** Small building blocks shared by the CRM's schemas and mappers. */
export const IdParam = z.object({ id: z.uuid({ message: 'Not a valid id.' }) });
export const uuid = z.uuid({ message: 'Not a valid id.' });
export const shortText = (max = 200) => z.string().trim().min(1, 'Required.').max(max);
export const optionalText = (max = 200) => z.string().trim().max(max).nullable().optional();
export const tags = z.array(z.string().trim().min(1).max(50)).max(50);
export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Not a valid email address.' }).max(254));
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const DuplicateQuery = z.object({
  allowDuplicate: booleanQuery.optional().openapi({ description: 'Create even if a likely duplicate exists' }),
});
export const DeleteQuery = z.object({ version: z.coerce.number().int().min(1) });

/** A decimal amount as a string: up to 15 integer digits and 4 decimals, never a float. */
export const decimalAmount = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,4})?$/, 'A non-negative decimal with at most 4 decimals, as a string (e.g. "1250.00").')
  .openapi({ example: '1250.00' });
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.')
  .openapi({ example: 'EUR' });
export const isoDate = z.iso.date({ message: 'A date as YYYY-MM-DD.' });

/** numeric(19,4) from the driver → canonical decimal string with at least 2 decimals. */
export function formatAmount(value: string | number): string {
  const d = new Decimal(String(value));
  return d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed();
}

export const iso = (d: Date | string | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString();

export const isoRequired = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();
