import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';

/** The most rows one CSV export carries (narrow the filters for more). */
export const EXPORT_MAX_ROWS = 50_000;

/** The OpenAPI response of an export route. */
export const csvResponses = {
  200: { description: 'CSV (UTF-8, CRLF, a header row)', content: { 'text/csv': { schema: z.string() } } },
};

/** A CSV body as a download. */
export function csvAttachment(c: Context, filename: string, body: string) {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
  });
}

/** A list's query parameters without the paging ones: an export takes the same filters and sort as its list. */
export const exportQuery = <T extends z.ZodObject<{ limit: z.ZodType; cursor: z.ZodType }>>(list: T) =>
  list.omit({ limit: true, cursor: true });

export const csvList = (items: readonly string[]) => items.join(';');
export const csvTime = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
