import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { errors } from '../errors/app-error.js';
import { toCsv } from './csv.js';

/**
 * CSV exports of lists (`GET …/export.csv`): the list's own query parameters without `limit` and
 * `cursor`, read through the list's own function a page at a time, in the list's order. At most
 * EXPORT_MAX_ROWS rows and EXPORT_MAX_BYTES of CSV (a Lambda response is at most 6 MB, and its JSON
 * envelope escapes quotes and line ends); beyond either, 422: narrow the filters.
 *
 * Exports of any size run as background jobs that stream CSV into the file store instead (README,
 * "Background work"): the general ledger (`finance.general-ledger.export`) and the CRM lists
 * (`crm.list-export`, which read page by page and so have only the byte limit on their synchronous
 * route). `csvCell`/`csvLine` write the same cells as `toCsv` a line at a time for those.
 */
export const EXPORT_MAX_ROWS = 50_000;
export const EXPORT_MAX_BYTES = 4_500_000;
const EXPORT_PAGE = 1_000;

type Cell = string | number | boolean | null;

const NEEDS_CARE = /[",\r\n]|^[=+\-@\t\r]/;
const FORMULA = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV cell by `toCsv`'s rules (a formula-looking cell gets a quote prefix unless it is a plain
 * number; quotes, commas and line ends are quoted), for writers that stream lines instead of
 * building one string: a cell without any of those characters costs one regular-expression test.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (!NEEDS_CARE.test(text)) return text;
  if (FORMULA.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated) of cells, as `toCsv` writes it. */
export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvCell(cells[i]!);
  return line + '\r\n';
}

/** The OpenAPI response of an export route. */
export const csvResponses = {
  200: { description: 'CSV (UTF-8, CRLF, a header row)', content: { 'text/csv': { schema: z.string() } } },
};

/** A list's query parameters without the paging ones: an export takes the same filters and sort as its list. */
export function exportQuery<S extends z.ZodRawShape & { limit: z.ZodType; cursor: z.ZodType }>(
  list: z.ZodObject<S>,
): z.ZodObject<Omit<S, 'limit' | 'cursor'>> {
  return list.omit({ limit: true, cursor: true } as never) as never;
}

/** Where a list too large for a response goes: each module's background export (docs/adr/0012). */
const BACKGROUND = "or export it in the background, with no limit (the module's POST /api/v1/<module>/exports).";

const tooLarge = (detail: string) =>
  errors.validation([{ path: 'query', message: detail, code: 'export-too-large' }], detail);

/** The 422 of an export over its limit (`detail` says which, and what to do instead). */
export const exportTooLarge = tooLarge;

/** 422 when a CSV body is over the byte limit. */
export function assertExportSize(csv: string, maxBytes = EXPORT_MAX_BYTES): string {
  if (Buffer.byteLength(csv) > maxBytes)
    throw tooLarge(`The export would be larger than ${maxBytes / 1_000_000} MB: narrow the filters, ${BACKGROUND}`);
  return csv;
}

/** 422 when more rows match than an export carries. */
export function assertExportRows(count: number, maxRows = EXPORT_MAX_ROWS): void {
  if (count > maxRows)
    throw tooLarge(`More than ${maxRows.toLocaleString('en')} rows match: narrow the filters, ${BACKGROUND}`);
}

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
  const rows: Cell[][] = [];
  let cursor: string | undefined;
  do {
    const page = await load({ limit: Math.min(EXPORT_PAGE, maxRows + 1 - rows.length), cursor });
    for (const item of page.items) rows.push(row(item));
    assertExportRows(rows.length, maxRows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return assertExportSize(toCsv(header, rows), limits.bytes);
}

/** A CSV body as a download (`filename` given) or inline. */
export function csvAttachment(c: Context, filename: string | undefined, body: string) {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    ...(filename ? { 'content-disposition': `attachment; filename="${filename}"` } : {}),
  });
}
