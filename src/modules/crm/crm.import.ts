import { z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { errors, type FieldError } from '../../platform/errors/app-error.js';
import { parseCsv } from '../../platform/http/csv.js';
import { fieldErrors } from '../../platform/http/problem.js';

/**
 * CSV imports (contacts, organizations): the same options, report and rules.
 *
 * Every row is checked first; a row with an error or a duplicate is skipped and reported (errors as
 * `rows.<n>.<field>`, n counting data rows from 1). A dry run (the default) stops there and writes
 * nothing. A real run writes every good row in ONE transaction and answers the same report; with
 * `onError: 'abort'` any row error imports nothing (422 listing them). A failure while writing
 * (e.g. a constraint) rolls the whole import back.
 */
export const IMPORT_MAX_ROWS = 5_000;

export const importOptions = {
  dryRun: z.boolean().default(true).openapi({ description: 'Only check and report (the default)' }),
  onError: z.enum(['skip', 'abort']).default('skip').openapi({
    description: 'A real run with bad rows: import the good ones and report the rest (skip), or nothing (abort: 422)',
  }),
};

export const ImportRowError = z
  .object({ path: z.string(), message: z.string(), code: z.string().optional() })
  .openapi('ImportRowError');

export const importCounts = {
  dryRun: z.boolean(),
  rows: z.number().int().openapi({ description: 'Data rows in the file' }),
  created: z.number().int().openapi({ description: 'Created, or that would be created in a dry run' }),
  skipped: z.number().int().openapi({ description: 'Rows not imported: with errors, or duplicates' }),
  errors: z.array(ImportRowError).openapi({ description: '`rows.<n>.<field>`: n counts data rows from 1' }),
};

export interface CsvRow {
  /** 1-based data row number. */
  row: number;
  get: (column: string) => string | undefined;
}

/** The file's data rows, after checking the header (422 on `csv` for unknown or missing columns). */
export function readImportCsv(
  csv: string,
  spec: { columns: readonly string[]; ignored: readonly string[]; required: readonly string[] },
  maxRows: number = IMPORT_MAX_ROWS,
): CsvRow[] {
  const [header, ...data] = parseCsv(csv);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !spec.columns.includes(n) && !spec.ignored.includes(n));
  const missing = spec.required.filter((c) => !names.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    throw errors.validation([
      {
        path: 'csv',
        message: unknown.length
          ? `Unknown column(s): ${unknown.join(', ')}.`
          : `The header needs ${spec.required.join(' and ')}.`,
        code: 'header',
      },
    ]);
  }
  if (data.length > maxRows)
    throw errors.validation([{ path: 'csv', message: `At most ${maxRows} rows per import.`, code: 'too_big' }]);
  return data.map((cells, i) => ({
    row: i + 1,
    get: (column) => {
      const at = names.indexOf(column);
      return at < 0 ? undefined : cells[at];
    },
  }));
}

export const rowPath = (row: number, field: string) => `rows.${row}.${field}`;

export function rowErrors(row: number, error: ZodError): FieldError[] {
  return fieldErrors(error).map((e) => ({ ...e, path: rowPath(row, e.path) }));
}

/** A `;`-separated cell as a list (undefined when empty). */
export const cellList = (v: string | undefined) =>
  v
    ? v
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** After the checks of a real run with `onError: 'abort'`: any row error stops the import. */
export function abortOnErrors(problems: FieldError[], onError: 'skip' | 'abort') {
  if (onError === 'abort' && problems.length > 0)
    throw errors.validation(problems, 'Nothing was imported: fix these rows and try again.');
}

/** The import's answer: the same for a dry run and a real one (which reports what it skipped). */
export function importReport<D>(
  dryRun: boolean,
  rows: number,
  checked: { accepted: readonly unknown[]; duplicates: D[]; problems: FieldError[] },
) {
  return {
    dryRun,
    rows,
    created: checked.accepted.length,
    skipped: rows - checked.accepted.length,
    duplicates: checked.duplicates,
    errors: checked.problems,
  };
}

const rowOf = (path: string) => Number(/^rows\.(\d+)\./.exec(path)?.[1] ?? 0);

/** Row errors in row order (stable within a row). */
export const byRow = (problems: FieldError[]) => problems.sort((a, b) => rowOf(a.path) - rowOf(b.path));
