import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { errors } from '../../platform/errors/app-error.js';
import { toCsv } from '../../platform/http/csv.js';

/**
 * CSV exports of the Finance lists (`GET …/export.csv`): the list's own query parameters without
 * `limit` and `cursor`, read through the list's own repository function a page at a time, in the
 * list's order. At most EXPORT_MAX_ROWS rows and EXPORT_MAX_BYTES of CSV (a Lambda response is at
 * most 6 MB, and its JSON envelope escapes quotes and line ends); beyond either, 422: narrow the filters.
 */
export const EXPORT_MAX_ROWS = 50_000;
export const EXPORT_MAX_BYTES = 4_500_000;
const EXPORT_PAGE = 1_000;

/** The OpenAPI response of an export route. */
export const csvResponses = {
  200: { description: 'CSV (UTF-8, CRLF, a header row)', content: { 'text/csv': { schema: z.string() } } },
};

/** `ListQuery.omit(EXPORT_OMIT)`: an export takes the same filters (and sort) as its list, without paging. */
export const EXPORT_OMIT = { limit: true, cursor: true } as const;

type Cell = string | number | boolean | null;

const tooLarge = (detail: string) =>
  errors.validation([{ path: 'query', message: detail, code: 'export-too-large' }], detail);

/**
 * Every row of a list, read page by page with the list's own function (same filters, same order),
 * as CSV; 422 beyond EXPORT_MAX_ROWS rows or EXPORT_MAX_BYTES.
 */
export async function exportCsv<T>(
  load: (page: { limit: number; cursor?: string | undefined }) => Promise<{ items: T[]; nextCursor: string | null }>,
  header: string[],
  row: (item: T) => Cell[],
  limits: { rows?: number; bytes?: number } = {},
): Promise<string> {
  const maxRows = limits.rows ?? EXPORT_MAX_ROWS;
  const maxBytes = limits.bytes ?? EXPORT_MAX_BYTES;
  const rows: Cell[][] = [];
  let cursor: string | undefined;
  do {
    const page = await load({ limit: Math.min(EXPORT_PAGE, maxRows + 1 - rows.length), cursor });
    for (const item of page.items) rows.push(row(item));
    if (rows.length > maxRows)
      throw tooLarge(`More than ${maxRows.toLocaleString('en')} rows match: narrow the filters to export.`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const csv = toCsv(header, rows);
  if (Buffer.byteLength(csv) > maxBytes)
    throw tooLarge(`The export would be larger than ${maxBytes / 1_000_000} MB: narrow the filters to export.`);
  return csv;
}

/** A CSV body as a download. */
export function csvAttachment(c: Context, filename: string, body: string) {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
  });
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
