import { toCsv } from '../../platform/http/csv.js';
import { assertExportSize } from '../../platform/http/csv-export.js';

type Cell = string | number | boolean | null;
type CellField<T> = { [K in keyof T & string]: T[K] extends Cell ? K : never }[keyof T & string];

/** A column of a CRM CSV export: a field of the row as it is (its name is the header), or a header and its cell. */
export type CsvColumn<T> = CellField<T> | readonly [header: string, cell: (row: T) => Cell];

/** The rows as CSV, a column per entry of `columns`; 422 when the CSV is over the export size limit. */
export function crmCsv<T>(rows: readonly T[], columns: readonly NoInfer<CsvColumn<T>>[]): string {
  const header = columns.map((c) => (typeof c === 'string' ? c : c[0]));
  const cells = (row: T) => columns.map((c) => (typeof c === 'string' ? (row[c] as Cell) : c[1](row)));
  return assertExportSize(toCsv(header, rows.map(cells)));
}

/** A list in one cell: the items joined by ";". */
export const csvList = (items: readonly string[]) => items.join(';');
