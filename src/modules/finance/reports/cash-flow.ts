import type { Db } from '../../../platform/db/database.js';
import type { AccountType } from '../finance.tables.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, format } from '../money.js';
import * as repo from './cash-flow.repository.js';
import { profitAndLoss } from './profit-and-loss.js';
import { assertRange, byCode, chartById, type ChartAccount } from './report-common.js';

export type CashFlowMethod = 'indirect' | 'direct';
export type Activity = 'operating' | 'investing' | 'financing';

/**
 * How a non-cash account's movements show in the statement:
 * - `result`: income and expenses (the net income);
 * - `working-capital`: receivables, payables, inventory, taxes and other current balances;
 * - `investing`: non-current assets (fixed assets, accumulated depreciation);
 * - `financing`: equity and long-term liabilities.
 */
export type CashFlowClass = 'result' | 'working-capital' | 'investing' | 'financing';

/** Roles that are working capital whatever their code. */
const WORKING_CAPITAL_ROLES = new Set([
  'receivable',
  'tax-receivable',
  'inventory',
  'payable',
  'tax-payable',
  'payroll-payable',
]);
/** Asset codes whose first two digits are at least this are non-current (default chart: 1600 fixed assets). */
export const NON_CURRENT_ASSETS_FROM = 16;
/** Liability codes whose first two digits are at least this are long-term (default chart: 2500 loans). */
export const LONG_TERM_LIABILITIES_FROM = 25;

const leadingDigits = (code: string): number | null => {
  const m = /^\d{2}/.exec(code);
  return m ? Number(m[0]) : null;
};

/** The class of a non-cash account, from its type, roles and code range. */
export function classify(account: Pick<ChartAccount, 'type' | 'code'>, roles: ReadonlySet<string>): CashFlowClass {
  const { type, code } = account;
  if (type === 'income' || type === 'expense') return 'result';
  if (type === 'equity') return 'financing';
  if ([...roles].some((r) => WORKING_CAPITAL_ROLES.has(r))) return 'working-capital';
  const lead = leadingDigits(code);
  if (type === 'asset') return lead !== null && lead >= NON_CURRENT_ASSETS_FROM ? 'investing' : 'working-capital';
  return lead !== null && lead >= LONG_TERM_LIABILITIES_FROM ? 'financing' : 'working-capital';
}

export type CashFlowLineKind = 'net-income' | 'working-capital' | 'non-cash' | 'cash-movement';

export interface CashFlowLine {
  kind: CashFlowLineKind;
  activity: Activity;
  /** Null for the net income line. */
  accountId: string | null;
  code: string | null;
  name: string;
  /** The effect on cash: positive is cash in. */
  amount: string;
}

export interface CashFlowSection {
  /** Indirect: operating, investing, financing. Direct: the counterpart account type. */
  key: Activity | AccountType;
  label: string;
  total: string;
  lines: CashFlowLine[];
}

export interface CashFlowStatement {
  from: string;
  to: string;
  method: CashFlowMethod;
  currency: string;
  cashAccounts: { accountId: string; code: string; name: string }[];
  /** Balance of the cash accounts at the end of the day before `from`. */
  openingCash: string;
  /** The statement's net change: the sum of the sections. */
  netChange: string;
  /** Opening cash + net change. */
  closingCash: string;
  /** Net income of the period, as the profit and loss shows it. */
  netIncome: string;
  /** Totals per activity (the same for both methods). */
  activities: Record<Activity, string>;
  sections: CashFlowSection[];
  /** The statement's net change against the change in the cash accounts' balances. */
  tieOut: { statementNetChange: string; cashAccountsChange: string; difference: string; tied: boolean };
}

const ACTIVITY_LABELS: Record<Activity, string> = {
  operating: 'Operating activities',
  investing: 'Investing activities',
  financing: 'Financing activities',
};
const TYPE_LABELS: Record<AccountType, string> = {
  income: 'Income accounts',
  expense: 'Expense accounts',
  asset: 'Asset accounts',
  liability: 'Liability accounts',
  equity: 'Equity accounts',
};
const TYPE_ORDER: AccountType[] = ['income', 'expense', 'asset', 'liability', 'equity'];

/**
 * The cash-flow statement of [from, to] in the base currency.
 *
 * Indirect: the net income of the profit and loss, plus the change in each working-capital account
 * (−Δ for assets, +Δ for liabilities), plus the movements of non-current, equity and long-term
 * accounts in entries that do not touch cash (depreciation, purchases on credit: non-cash items) —
 * the operating activities; then the movements of non-current assets in entries that move cash
 * (investing) and of equity and long-term liabilities in entries that move cash (financing).
 *
 * Direct: the counterpart lines of every entry that moves cash, grouped by the counterpart
 * account's type; each line is what that account gave or took in cash.
 *
 * Every non-cash account's movement counts once, so the sum equals the change in the cash accounts
 * for any ledger of balanced entries: `tieOut` shows both.
 */
export async function cashFlowStatement(
  db: Db,
  input: { from: string; to: string; method?: CashFlowMethod | undefined },
): Promise<CashFlowStatement> {
  const { from, to } = input;
  const method = input.method ?? 'indirect';
  assertRange(from, to);
  const [currency, chart, rolesRows, cashIds, balances, rows, pl] = await Promise.all([
    baseCurrency(db),
    chartById(db),
    repo.accountRoles(db),
    repo.cashAccountIds(db),
    repo.cashBalances(db, from, to),
    repo.cashFlowMovements(db, from, to),
    profitAndLoss(db, { from, to }),
  ]);
  const roles = new Map<string, Set<string>>();
  for (const r of rolesRows) roles.set(r.account_id, (roles.get(r.account_id) ?? new Set()).add(r.role));
  const fmt = (m: Money) => format(m, currency);

  // Per account: its cash effect (credit − debit) in entries with and without a cash line.
  const effects = new Map<string, { withCash: Money; withoutCash: Money }>();
  for (const r of rows) {
    const e = effects.get(r.account_id) ?? { withCash: new Money(0), withoutCash: new Money(0) };
    const amount = new Money(r.credit).minus(r.debit);
    if (r.with_cash) e.withCash = e.withCash.plus(amount);
    else e.withoutCash = e.withoutCash.plus(amount);
    effects.set(r.account_id, e);
  }
  const accounts = [...effects.keys()]
    .map((id) => chart.get(id)!)
    .sort(byCode)
    .map((account) => ({
      account,
      cls: classify(account, roles.get(account.id) ?? new Set()),
      ...effects.get(account.id)!,
    }));

  const line = (kind: CashFlowLineKind, activity: Activity, a: ChartAccount, amount: Money): CashFlowLine => ({
    kind,
    activity,
    accountId: a.id,
    code: a.code,
    name: a.name,
    amount: fmt(amount),
  });
  const netIncome = new Money(pl.netResult);

  // Indirect method.
  const indirect: Record<Activity, CashFlowLine[]> = {
    operating: [
      {
        kind: 'net-income',
        activity: 'operating',
        accountId: null,
        code: null,
        name: 'Net income',
        amount: fmt(netIncome),
      },
    ],
    investing: [],
    financing: [],
  };
  const nonCash: CashFlowLine[] = [];
  for (const { account, cls, withCash, withoutCash } of accounts) {
    if (cls === 'result') continue;
    if (cls === 'working-capital') {
      const change = withCash.plus(withoutCash);
      if (!change.eq(0)) indirect.operating.push(line('working-capital', 'operating', account, change));
      continue;
    }
    if (!withoutCash.eq(0)) nonCash.push(line('non-cash', 'operating', account, withoutCash));
    if (!withCash.eq(0)) indirect[cls].push(line('cash-movement', cls, account, withCash));
  }
  indirect.operating.push(...nonCash);
  const sum = (lines: CashFlowLine[]) => lines.reduce((s, l) => s.plus(l.amount), new Money(0));
  const activityTotals: Record<Activity, Money> = {
    operating: sum(indirect.operating),
    investing: sum(indirect.investing),
    financing: sum(indirect.financing),
  };

  let sections: CashFlowSection[];
  if (method === 'indirect') {
    sections = (['operating', 'investing', 'financing'] as const).map((key) => ({
      key,
      label: ACTIVITY_LABELS[key],
      total: fmt(activityTotals[key]),
      lines: indirect[key],
    }));
  } else {
    const byType = new Map<AccountType, CashFlowLine[]>(TYPE_ORDER.map((t) => [t, []]));
    for (const { account, cls, withCash } of accounts) {
      if (withCash.eq(0)) continue;
      const activity: Activity = cls === 'investing' || cls === 'financing' ? cls : 'operating';
      byType.get(account.type)!.push(line('cash-movement', activity, account, withCash));
    }
    sections = TYPE_ORDER.map((key) => {
      const lines = byType.get(key)!;
      return { key, label: TYPE_LABELS[key], total: fmt(sum(lines)), lines };
    });
  }

  const opening = new Money(balances.opening);
  const closing = new Money(balances.closing);
  const netChange = sections.reduce((s, x) => s.plus(x.total), new Money(0));
  const cashChange = closing.minus(opening);
  return {
    from,
    to,
    method,
    currency,
    cashAccounts: cashIds
      .map((id) => chart.get(id))
      .filter((a): a is ChartAccount => a !== undefined)
      .sort(byCode)
      .map((a) => ({ accountId: a.id, code: a.code, name: a.name })),
    openingCash: fmt(opening),
    netChange: fmt(netChange),
    closingCash: fmt(opening.plus(netChange)),
    netIncome: fmt(netIncome),
    activities: {
      operating: fmt(activityTotals.operating),
      investing: fmt(activityTotals.investing),
      financing: fmt(activityTotals.financing),
    },
    sections,
    tieOut: {
      statementNetChange: fmt(netChange),
      cashAccountsChange: fmt(cashChange),
      difference: fmt(netChange.minus(cashChange)),
      tied: netChange.eq(cashChange),
    },
  };
}
