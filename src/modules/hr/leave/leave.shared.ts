import { z } from '@hono/zod-openapi';
import { errors } from '../../../platform/errors/app-error.js';

/** Small building blocks shared by the leave schemas and mappers. */
export const uuid = z.uuid({ message: 'Not a valid id.' });
export const IdParam = z.object({ id: uuid });
export const isoDate = z.iso.date({ message: 'A date as YYYY-MM-DD.' });
export const year = z.coerce.number().int().min(1900).max(9999);
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const optionalText = (max = 1000) => z.string().trim().max(max).nullable().optional();

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

export const isoTimestamp = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();
export const isoTimestampOrNull = (d: Date | string | null): string | null => (d === null ? null : isoTimestamp(d));

export const notFound = (entity: string, id: string) => errors.notFound(entity, id);
