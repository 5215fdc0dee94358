import type { Db, Tx } from '../../../platform/db/database.js';
import type { FieldError } from '../../../platform/errors/app-error.js';
import { AppError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { importAll, readCsv, zodRowErrors, type CsvRow } from '../finance.import.js';
import { findAccountWithCode } from './accounts.repository.js';
import { CreateAccountBody } from './accounts.schemas.js';
import { createAccount } from './accounts.service.js';
import { ensureLedger } from './chart.js';
import { CHART_COLUMNS } from './chart-import.schemas.js';

type AccountInput = ReturnType<typeof CreateAccountBody.parse>;
const BOOLEAN: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

function rowInput({ get, row }: CsvRow) {
  const problems: FieldError[] = [];
  const flag = get('is_group')?.toLowerCase();
  if (flag !== undefined && !(flag in BOOLEAN))
    problems.push({ path: `rows.${row}.is_group`, message: 'true or false.', code: 'invalid_value' });
  const parsed = CreateAccountBody.safeParse({
    code: get('code'),
    name: get('name'),
    type: get('type')?.toLowerCase(),
    isGroup: flag === undefined ? false : (BOOLEAN[flag] ?? false),
    description: get('description'),
  });
  if (!parsed.success) problems.push(...zodRowErrors(row, parsed.error));
  return { input: parsed.success ? parsed.data : undefined, parentCode: get('parent_code'), problems };
}

/** Writes one row: its parent by code (in the chart, or written by an earlier row). */
async function writeRow(trx: Tx, ctx: RequestContext, r: { input: AccountInput; parentCode?: string | undefined }) {
  let parentId: string | undefined;
  if (r.parentCode) {
    const parent = await findAccountWithCode(trx, r.parentCode);
    if (!parent)
      throw new AppError('invalid-parent', 422, 'Invalid parent account', {
        detail: `No account ${r.parentCode} (a parent comes before its children).`,
        errors: [{ path: 'parent_code', message: `No account ${r.parentCode} in the chart or on an earlier row.` }],
      });
    parentId = parent.id;
  }
  try {
    return (await createAccount(trx, ctx, { ...r.input, parentId })).id;
  } catch (error) {
    if (error instanceof AppError && error.code === 'account-code-taken')
      throw new AppError(error.code, 422, error.message, {
        detail: error.detail,
        errors: [{ path: 'code', message: error.detail }],
      });
    if (error instanceof AppError && error.errors)
      throw new AppError(error.code, error.status, error.message, {
        detail: error.detail,
        errors: error.errors.map((e) => ({ ...e, path: e.path === 'parentId' ? 'parent_code' : e.path })),
      });
    throw error;
  }
}

/**
 * Imports accounts into the chart of accounts from CSV (issue #21): every row checked (fields,
 * unique code, parent a group of the same type), all created in one transaction, or none (422
 * listing every row's errors). Each account is audited as when created by hand.
 */
export async function importChart(db: Db, ctx: RequestContext, body: { csv: string; dryRun: boolean }) {
  await ensureLedger(db);
  const rows = readCsv(body.csv, CHART_COLUMNS, ['code', 'name', 'type']);
  const precheck: FieldError[] = [];
  const good: { row: number; input: AccountInput; parentCode?: string | undefined }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const { input, parentCode, problems } = rowInput(r);
    precheck.push(...problems);
    const code = r.get('code');
    if (code && seen.has(code))
      precheck.push({
        path: `rows.${r.row}.code`,
        message: `Code ${code} is on row ${seen.get(code)} too.`,
        code: 'duplicate',
      });
    else if (code) seen.set(code, r.row);
    if (input && problems.length === 0) good.push({ row: r.row, input, parentCode });
  }
  const result = await importAll(
    db,
    good,
    (g) => g.row,
    (trx, g) => writeRow(trx, ctx, g),
    {
      dryRun: body.dryRun,
      precheck,
    },
  );
  return { ...result, rows: rows.length };
}
