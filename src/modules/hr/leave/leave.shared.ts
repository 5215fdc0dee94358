import { z } from '@hono/zod-openapi';

/** Leave-only building blocks of the schemas (ids, dates, texts: platform/http/schemas.ts). */
export const year = z.coerce.number().int().min(1900).max(9999);

/** A number of days in half-day steps, as a number or a decimal string ("25", "2.5"). */
export const dayCount = z
  .union([z.number(), z.string().trim()])
  .transform((v) => String(v))
  .pipe(
    z
      .string()
      .regex(/^\d{1,3}(\.[05]0?)?$/, 'A number of days between 0 and 366, in half-day steps (e.g. 25 or 2.5).')
      .refine((v) => Number(v) <= 366, 'At most 366 days.'),
  )
  .openapi({ type: 'string', example: '25.0' });

/** numeric(5,1) as it leaves the API: '25.0'. */
export const DaysOut = z.string().openapi({ example: '12.5', description: 'Days, in half-day steps' });
