import { z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { Db, Tx } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, errors, type FieldError } from '../../platform/errors/app-error.js';
import { parseCsv } from '../../platform/http/csv.js';
import { fieldErrors } from '../../platform/http/problem.js';

/**
 * Finance's CSV imports (chart of accounts, open items): ALL or nothing. Every row is checked —
 * its fields, then the books' rules by writing it inside one transaction — and any row error rolls
 * the whole import back with a 422 listing every row's errors as `rows.<n>.<field>` (n counts data
 * rows from 1). A dry run does the same and always rolls back.
 */
export const FINANCE_IMPORT_MAX_ROWS = 2_000;

export const ImportBody = (columns: string) =>
  z.strictObject({
    csv: z
      .string()
      .min(1)
      .max(2_000_000)
      .openapi({ description: `CSV with a header row: ${columns}` }),
    dryRun: z.boolean().default(false).openapi({ description: 'Check every row, write nothing' }),
  });

export const FinanceImportResult = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int().openapi({ description: 'Data rows in the file' }),
    created: z.number().int().openapi({ description: 'Created (or that would be, in a dry run)' }),
    ids: z.array(z.string()).openapi({ description: 'The created records, in row order (empty in a dry run)' }),
  })
  .openapi('FinanceImportResult');

export interface CsvRow {
  row: number;
  get: (column: string) => string | undefined;
}

/** The file's data rows after checking the header (422 on `csv` for unknown or missing columns). */
export function readCsv(csv: string, columns: readonly string[], required: readonly string[]): CsvRow[] {
  const [header, ...data] = parseCsv(csv);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !columns.includes(n));
  const missing = required.filter((c) => !names.includes(c));
  if (unknown.length > 0 || missing.length > 0)
    throw errors.validation([
      {
        path: 'csv',
        message: unknown.length
          ? `Unknown column(s): ${unknown.join(', ')}. Known: ${columns.join(', ')}.`
          : `The header needs ${required.join(', ')}.`,
        code: 'header',
      },
    ]);
  const rows = data.filter((cells) => cells.some((c) => c.trim() !== ''));
  if (rows.length === 0)
    throw errors.validation([{ path: 'csv', message: 'The file has no data rows.', code: 'empty' }]);
  if (rows.length > FINANCE_IMPORT_MAX_ROWS)
    throw errors.validation([
      { path: 'csv', message: `At most ${FINANCE_IMPORT_MAX_ROWS} rows per import.`, code: 'too_big' },
    ]);
  return rows.map((cells, i) => ({
    row: i + 1,
    get: (column) => {
      const at = names.indexOf(column);
      const v = at < 0 ? undefined : cells[at]?.trim();
      return v === '' ? undefined : v;
    },
  }));
}

const rowPath = (row: number, field: string) => `rows.${row}${field ? `.${field}` : ''}`;
export const zodRowErrors = (row: number, error: ZodError): FieldError[] =>
  fieldErrors(error).map((e) => ({ ...e, path: rowPath(row, e.path) }));
/** A business rule's error (AppError) as the row's errors. */
export function appRowErrors(row: number, error: AppError): FieldError[] {
  const list = error.errors?.length ? error.errors : [{ path: '', message: error.detail ?? error.message }];
  return list.map((e) => ({ ...e, path: rowPath(row, e.path), code: e.code ?? error.code }));
}

class DryRun extends Error {}

/**
 * Writes the rows one by one in ONE transaction; a row whose write throws an AppError is recorded
 * and the others still checked; then any error (or a dry run) rolls everything back. Other errors
 * (the database's) end the import at once.
 */
export async function importAll<R>(
  db: Db,
  rows: R[],
  rowNumber: (r: R) => number,
  write: (trx: Tx, r: R) => Promise<string>,
  options: { dryRun: boolean; precheck?: FieldError[] },
) {
  const problems: FieldError[] = [...(options.precheck ?? [])];
  const ids: string[] = [];
  try {
    await inTransaction(db, async (trx) => {
      for (const r of rows) {
        try {
          ids.push(await write(trx, r));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problems.push(...appRowErrors(rowNumber(r), error));
        }
      }
      if (problems.length > 0)
        throw errors.validation(
          problems.sort((a, b) => rowOf(a.path) - rowOf(b.path)),
          'Nothing was imported: fix these rows and try again.',
        );
      if (options.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return { dryRun: options.dryRun, created: ids.length, ids: options.dryRun ? [] : ids };
}

const rowOf = (path: string) => Number(/^rows\.(\d+)/.exec(path)?.[1] ?? 0);
