import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { financeErrors } from '../finance.errors.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, fitsCurrency, format } from '../money.js';
import * as repo from './budgets.repository.js';
import type { PutBudgetBodyT } from './budgets.schemas.js';

const ENTITY = 'finance.budget';

interface Row extends repo.BudgetRowKey {
  amounts: string[];
}

/** A year's budget as rows of twelve monthly amounts (missing months are zero). */
export async function getBudget(db: Db, year: number) {
  const header = await repo.findBudget(db, year);
  if (!header) throw errors.notFound('Budget', String(year));
  const currency = await baseCurrency(db);
  const lines = await repo.listBudgetLines(db, year);
  const rows = new Map<string, { l: (typeof lines)[number]; amounts: Money[] }>();
  for (const l of lines) {
    const key = `${l.account_id}/${l.department}`;
    const row = rows.get(key) ?? { l, amounts: Array.from({ length: 12 }, () => new Money(0)) };
    row.amounts[l.period - 1] = new Money(l.amount);
    rows.set(key, row);
  }
  return {
    year,
    version: header.version,
    currency,
    lines: [...rows.values()].map(({ l, amounts }) => ({
      accountId: l.account_id,
      code: l.code,
      name: l.name,
      type: l.type,
      department: l.department === '' ? null : l.department,
      amounts: amounts.map((a) => format(a, currency)),
      total: format(
        amounts.reduce((s, a) => s.plus(a), new Money(0)),
        currency,
      ),
    })),
    createdAt: isoTimestamp(header.created_at),
    updatedAt: isoTimestamp(header.updated_at),
  };
}

export async function listBudgets(db: Db) {
  const rows = await repo.listBudgets(db);
  return {
    items: rows.map((r) => ({
      year: r.year,
      version: r.version,
      rows: Number(r.rows ?? 0),
      updatedAt: isoTimestamp(r.updated_at),
    })),
  };
}

/** Refuses unknown and group accounts, duplicate rows and amounts finer than the base currency. */
async function validateRows(trx: Db, rows: Row[], currency: string) {
  const ids = [...new Set(rows.map((r) => r.accountId))];
  const accounts = new Map(ids.length === 0 ? [] : (await repo.findBudgetAccounts(trx, ids)).map((a) => [a.id, a]));
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const account = accounts.get(row.accountId);
    if (!account) throw financeErrors.unknownAccount(row.accountId, `lines.${i}.accountId`);
    if (account.is_group) throw financeErrors.groupAccount(account.code, `lines.${i}.accountId`);
    const key = `${row.accountId}/${row.department ?? ''}`;
    if (seen.has(key))
      throw errors.validation([
        { path: `lines.${i}`, message: `Account ${account.code} appears twice for the same department.` },
      ]);
    seen.add(key);
    row.amounts.forEach((amount, m) => {
      if (!fitsCurrency(amount.replace(/^-/, ''), currency))
        throw financeErrors.tooManyDecimals(amount, currency, `lines.${i}.amounts.${m}`);
    });
  });
}

/**
 * Creates a year's budget (no `version`) or changes it (with the version last read): the rows sent
 * are set (twelve months each; zero months are not stored), and with `replace` every other row goes.
 * One audit record holds the rows before and after.
 */
export async function putBudget(db: Db, ctx: RequestContext, year: number, input: PutBudgetBodyT) {
  return inTransaction(db, async (trx) => {
    const currency = await baseCurrency(trx);
    const rows: Row[] = input.lines.map((l) => ({
      accountId: l.accountId,
      department: l.department ?? null,
      amounts: l.amounts,
    }));
    await validateRows(trx, rows, currency);
    const header = await repo.findBudget(trx, year, { forUpdate: true });
    const created = !header;
    if (header) {
      if (input.version === undefined)
        throw errors.conflict(`The ${year} budget exists (version ${header.version}): send its version to change it.`, {
          currentVersion: header.version,
        });
      assertVersion('Budget', header, input.version);
    } else {
      if (input.version !== undefined) throw errors.notFound('Budget', String(year));
      const inserted = await repo.insertBudget(trx, year, ctx.actor?.userId ?? null);
      if (!inserted) throw errors.conflict(`The ${year} budget was just created by someone else: reload it.`);
    }
    const before = await repo.budgetLinesOf(trx, year, input.replace ? undefined : rows);
    if (input.replace) await repo.deleteAllLines(trx, year);
    else if (rows.length > 0) await repo.deleteLinesOf(trx, year, rows);
    const values = rows.flatMap((r) =>
      r.amounts.flatMap((amount, m) =>
        new Money(amount).eq(0)
          ? []
          : [{ year, period: m + 1, account_id: r.accountId, department: r.department ?? '', amount }],
      ),
    );
    await repo.insertLines(trx, values);
    const after = await repo.touchBudget(trx, year, created, ctx.actor?.userId ?? null);
    await writeAudit(trx, ctx, {
      action: created ? 'budget.created' : 'budget.updated',
      entityType: ENTITY,
      entityId: String(year),
      before: header ? { version: header.version, lines: before } : null,
      after: { version: after.version, replace: input.replace, lines: rows },
    });
    return { created, budget: await getBudget(trx, year) };
  });
}

export async function deleteBudget(db: Db, ctx: RequestContext, year: number, version: number) {
  await inTransaction(db, async (trx) => {
    const header = await repo.findBudget(trx, year, { forUpdate: true });
    if (!header) throw errors.notFound('Budget', String(year));
    assertVersion('Budget', header, version);
    const before = await repo.budgetLinesOf(trx, year);
    await repo.deleteBudget(trx, year);
    await writeAudit(trx, ctx, {
      action: 'budget.deleted',
      entityType: ENTITY,
      entityId: String(year),
      before: { version: header.version, lines: before },
    });
  });
}
