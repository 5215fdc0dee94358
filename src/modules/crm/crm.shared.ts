import { z } from '@hono/zod-openapi';
import { Decimal } from 'decimal.js';
import { booleanQuery } from '../../platform/http/schemas.js';

/** CRM-only building blocks of the schemas and mappers (the common ones are platform/http/schemas.ts). */
export const tags = z.array(z.string().trim().min(1).max(50)).max(50);
export const DuplicateQuery = z.object({
  allowDuplicate: booleanQuery.optional().openapi({ description: 'Create even if a likely duplicate exists' }),
});

/** numeric(19,4) from the driver → canonical decimal string with at least 2 decimals. */
export function formatAmount(value: string | number): string {
  const d = new Decimal(String(value));
  return d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed();
}
