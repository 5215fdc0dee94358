import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/app-env.js';
import { FormatQuery } from '../../platform/http/schemas.js';

/**
 * Finance's own export helpers; the generic ones (list exports, limits, CSV responses) are the
 * platform's (`platform/http/csv-export.ts`).
 */

/**
 * `?format=json|csv` on a report's JSON route: the kit's parameter, with what csv means there (the
 * report's `.csv` route is the typed one).
 */
export const reportFormat = FormatQuery.shape.format.openapi({
  description: 'csv answers text/csv instead (kept for existing clients; the .csv route is the typed one)',
});

/** Sends a report as a CSV download from a JSON route's format=csv (typed as the route's JSON response). */
export function sendCsv(c: Context<AppEnv>, filename: string, csv: string): never {
  c.header('Content-Disposition', `attachment; filename="${filename}.csv"`);
  return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
}

/**
 * A query parameter taking one or several of `values`: comma-separated (`status=issued,paid`) or
 * repeated (`status=issued&status=paid`); parsed to a de-duplicated array.
 */
export function enumList<const T extends readonly [string, ...string[]]>(values: T) {
  const one = values.join('|');
  const pattern = new RegExp(`^(${one})(,(${one}))*$`);
  return z
    .preprocess(
      (v) => (Array.isArray(v) ? v.join(',') : v),
      z
        .string()
        .regex(pattern, `One or more of ${values.join(', ')}, separated by commas.`)
        .transform((s) => [...new Set(s.split(','))] as T[number][]),
    )
    .optional()
    .openapi({
      type: 'string',
      pattern: pattern.source,
      description: `One or more of ${values.join(', ')}, separated by commas (or the parameter repeated)`,
      example: values.slice(0, 2).join(','),
    });
}
