import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { AccountType } from '../finance.tables.js';
import { findYearStartContaining } from '../ledger/periods.repository.js';
import { naturalYear } from '../ledger/periods.js';
import { fiscalYearStartMonth } from '../ledger/settings.repository.js';
import { Money, format } from '../money.js';
import * as repo from './reports.repository.js';

/**
 * Sign conventions of every statement: each account shows its balance on its normal side, so that
 * the usual figures are positive. Assets and expenses are debit-positive (debit − credit); liabilities,
 * equity and income are credit-positive (credit − debit). A contra account (accumulated depreciation)
 * or an unusual balance (an overdrawn bank) shows as negative.
 */
export type NormalSide = 'debit' | 'credit';

export function normalSide(type: AccountType): NormalSide {
  return type === 'asset' || type === 'expense' ? 'debit' : 'credit';
}

/** A debit/credit pair as a figure on the account's normal side. */
export function natural(type: AccountType, debit: string | Money, credit: string | Money): Money {
  const net = new Money(debit).minus(credit);
  return normalSide(type) === 'debit' ? net : net.negated();
}

export interface ChartAccount {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  parentId: string | null;
}

/** The whole chart by id (a few hundred rows at most). */
export async function chartById(db: Db): Promise<Map<string, ChartAccount>> {
  const rows = await repo.listChartAccounts(db);
  return new Map(rows.map((r) => [r.id, r]));
}

export const byCode = <T extends { code: string | null }>(a: T, b: T) =>
  (a.code ?? '') < (b.code ?? '') ? -1 : (a.code ?? '') > (b.code ?? '') ? 1 : 0;

export interface AccountAmount {
  accountId: string;
  code: string;
  name: string;
  amount: string;
  /** The same account in the comparison period (only when the report compares). */
  compareAmount?: string;
}

export interface AccountGroup {
  /** The parent (group) account; null for accounts without a parent. */
  accountId: string | null;
  code: string | null;
  name: string;
  total: string;
  compareTotal?: string;
  accounts: AccountAmount[];
}

export interface Section {
  total: string;
  compareTotal?: string;
  groups: AccountGroup[];
}

/**
 * Accounts of one type, grouped by their parent account, in code order, with totals. With
 * `withCompare`, each account, group and the section also carry the comparison period's figure.
 */
export function buildSection(
  amounts: { accountId: string; amount: Money; compare?: Money }[],
  chart: Map<string, ChartAccount>,
  currency: string,
  withCompare = false,
): { section: Section; sum: Money; compareSum: Money } {
  const zero = new Money(0);
  const groups = new Map<string | null, { sum: Money; compareSum: Money; accounts: AccountAmount[] }>();
  let sum = zero;
  let compareSum = zero;
  for (const { accountId, amount, compare = zero } of amounts) {
    const account = chart.get(accountId)!;
    const group = groups.get(account.parentId) ?? { sum: zero, compareSum: zero, accounts: [] };
    group.sum = group.sum.plus(amount);
    group.compareSum = group.compareSum.plus(compare);
    group.accounts.push({
      accountId,
      code: account.code,
      name: account.name,
      amount: format(amount, currency),
      ...(withCompare ? { compareAmount: format(compare, currency) } : {}),
    });
    groups.set(account.parentId, group);
    sum = sum.plus(amount);
    compareSum = compareSum.plus(compare);
  }
  const list: AccountGroup[] = [...groups].map(([parentId, g]) => {
    const parent = parentId ? chart.get(parentId) : undefined;
    return {
      accountId: parentId,
      code: parent?.code ?? null,
      name: parent?.name ?? 'Other',
      total: format(g.sum, currency),
      ...(withCompare ? { compareTotal: format(g.compareSum, currency) } : {}),
      accounts: g.accounts.sort(byCode),
    };
  });
  const section: Section = {
    total: format(sum, currency),
    ...(withCompare ? { compareTotal: format(compareSum, currency) } : {}),
    groups: list.sort(byCode),
  };
  return { section, sum, compareSum };
}

/** Flattens a section for CSV: one row per account, then a group total, then the section total. */
export function sectionRows(label: string, section: Section): string[][] {
  const rows: string[][] = [];
  // A compared section gets one more column, the comparison period's figure.
  const extra = (v: string | undefined) => (section.compareTotal === undefined ? [] : [v ?? '']);
  for (const g of section.groups) {
    for (const a of g.accounts)
      rows.push([label, g.code ?? '', g.name, a.code, a.name, a.amount, ...extra(a.compareAmount)]);
    rows.push([label, g.code ?? '', g.name, '', `Total ${g.name}`, g.total, ...extra(g.compareTotal)]);
  }
  rows.push([label, '', '', '', `Total ${label}`, section.total, ...extra(section.compareTotal)]);
  return rows;
}

/**
 * The first day of the fiscal year `date` falls in; when that year is not set up yet, the start of
 * the company's year around it (the settings' first month).
 */
export async function fiscalYearStart(db: Db, date: string): Promise<string> {
  const fy = await findYearStartContaining(db, date);
  return fy?.start_date ?? naturalYear(date, await fiscalYearStartMonth(db)).start;
}

export interface Movement {
  account_id: string;
  debit: string;
  credit: string;
}

/**
 * Posted movements per account in [from, to] (base currency), optionally for one department. For
 * income statements (`excludeClosing`), the year-end closing entries are taken out again, so that a
 * closed year still shows its income and expenses: they are few lines, found through their entry id.
 */
export async function movements(
  db: Db,
  range: repo.MovementRange & { excludeClosing?: boolean },
): Promise<Map<string, { debit: Money; credit: Money }>> {
  const result = new Map<string, { debit: Money; credit: Money }>();
  for (const r of await repo.movementSums(db, range))
    result.set(r.account_id, { debit: new Money(r.debit), credit: new Money(r.credit) });
  if (!range.excludeClosing) return result;
  for (const c of await repo.closingSums(db, range)) {
    const m = result.get(c.account_id);
    if (!m) continue;
    m.debit = m.debit.minus(c.debit);
    m.credit = m.credit.minus(c.credit);
    if (m.debit.eq(0) && m.credit.eq(0)) result.delete(c.account_id);
  }
  return result;
}

/** A date range the right way round, or a 422 that says so. */
export function assertRange(from: string, to: string, fromPath = 'query.from'): void {
  if (from > to)
    throw errors.validation([{ path: fromPath, message: `The range starts (${from}) after it ends (${to}).` }]);
}
