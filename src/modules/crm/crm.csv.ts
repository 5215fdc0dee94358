import { csvLine, EXPORT_MAX_BYTES, exportTooLarge } from '../../platform/http/csv-export.js';
import type { Db } from '../../platform/db/database.js';
import type { CrmScope } from './visibility.js';

type Cell = string | number | boolean | null;
type CellField<T> = { [K in keyof T & string]: T[K] extends Cell ? K : never }[keyof T & string];

/** A column of a CRM CSV export: a field of the row as it is (its name is the header), or a header and its cell. */
export type CsvColumn<T> = CellField<T> | readonly [header: string, cell: (row: T) => Cell];

/**
 * One CRM list as CSV: its rows page by page (the list's filters, order and visibility) and its
 * columns. The synchronous `…/export.csv` route and the background export (`crm.exports.ts`) both
 * write it with these, so the two files are the same.
 */
export interface CrmCsvExport<F, T> {
  /** The download's name without `.csv`. */
  fileName: string;
  rows: (db: Db, scope: CrmScope, filter: F, pageSize?: number) => AsyncIterable<T[]>;
  columns: readonly CsvColumn<T>[];
}

export function defineCrmExport<F, T>(definition: {
  fileName: string;
  rows: (db: Db, scope: CrmScope, filter: F, pageSize?: number) => AsyncIterable<T[]>;
  columns: readonly NoInfer<CsvColumn<T>>[];
}): CrmCsvExport<F, T> {
  return definition;
}

/** The header line, then a text per page of rows (CRLF lines, `toCsv`'s cell rules). */
export async function* crmCsvChunks<T>(
  pages: AsyncIterable<T[]>,
  columns: readonly CsvColumn<T>[],
): AsyncGenerator<{ text: string; rows: number }> {
  yield { text: csvLine(columns.map((c) => (typeof c === 'string' ? c : c[0]))), rows: 0 };
  for await (const page of pages) {
    let text = '';
    for (const row of page) text += csvLine(columns.map((c) => (typeof c === 'string' ? (row[c] as Cell) : c[1](row))));
    yield { text, rows: page.length };
  }
}

/**
 * The whole export as one CSV string (the synchronous route): 422 as soon as it grows past the
 * response limit, saying to use the background export (which has no limit).
 */
export async function crmCsv<T>(pages: AsyncIterable<T[]>, columns: readonly CsvColumn<T>[]): Promise<string> {
  let csv = '';
  let bytes = 0;
  for await (const chunk of crmCsvChunks(pages, columns)) {
    bytes += Buffer.byteLength(chunk.text);
    if (bytes > EXPORT_MAX_BYTES)
      throw exportTooLarge(
        `The export would be larger than ${EXPORT_MAX_BYTES / 1_000_000} MB: narrow the filters, or export in the background (POST /api/v1/crm/exports).`,
      );
    csv += chunk.text;
  }
  return csv;
}

/** A list in one cell: the items joined by ";". */
export const csvList = (items: readonly string[]) => items.join(';');
