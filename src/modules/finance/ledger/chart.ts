import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { AccountType } from '../finance.tables.js';
import * as accounts from './accounts.repository.js';
import * as settings from './settings.repository.js';

/** The base currency a new installation starts with (changeable until the first posting). */
export const DEFAULT_BASE_CURRENCY = 'USD';

interface ChartAccount {
  code: string;
  name: string;
  type: AccountType;
  group?: boolean;
  parent?: string;
  role?: string;
}

/** A small-business chart of accounts. Codes group by type: 1 assets … 6 expenses. */
export const DEFAULT_CHART: ChartAccount[] = [
  { code: '1000', name: 'Assets', type: 'asset', group: true },
  { code: '1100', name: 'Cash', type: 'asset', parent: '1000', role: 'cash' },
  { code: '1200', name: 'Bank', type: 'asset', parent: '1000', role: 'bank' },
  { code: '1300', name: 'Accounts receivable', type: 'asset', parent: '1000', role: 'receivable' },
  { code: '1350', name: 'Tax receivable (input VAT)', type: 'asset', parent: '1000', role: 'tax-receivable' },
  { code: '1400', name: 'Inventory', type: 'asset', parent: '1000', role: 'inventory' },
  { code: '1500', name: 'Prepaid expenses', type: 'asset', parent: '1000' },
  { code: '1600', name: 'Fixed assets', type: 'asset', parent: '1000' },
  { code: '1650', name: 'Accumulated depreciation', type: 'asset', parent: '1000' },
  { code: '2000', name: 'Liabilities', type: 'liability', group: true },
  { code: '2100', name: 'Accounts payable', type: 'liability', parent: '2000', role: 'payable' },
  { code: '2200', name: 'Tax payable (output VAT)', type: 'liability', parent: '2000', role: 'tax-payable' },
  { code: '2300', name: 'Payroll liabilities', type: 'liability', parent: '2000', role: 'payroll-payable' },
  { code: '2400', name: 'Accrued liabilities', type: 'liability', parent: '2000' },
  { code: '2500', name: 'Loans', type: 'liability', parent: '2000' },
  { code: '3000', name: 'Equity', type: 'equity', group: true },
  { code: '3100', name: 'Share capital', type: 'equity', parent: '3000' },
  { code: '3200', name: 'Retained earnings', type: 'equity', parent: '3000', role: 'retained-earnings' },
  { code: '3900', name: 'Opening balance equity', type: 'equity', parent: '3000', role: 'opening-balance' },
  { code: '4000', name: 'Income', type: 'income', group: true },
  { code: '4100', name: 'Sales', type: 'income', parent: '4000', role: 'sales' },
  { code: '4200', name: 'Services', type: 'income', parent: '4000' },
  { code: '4900', name: 'Other income', type: 'income', parent: '4000' },
  { code: '5000', name: 'Cost of sales', type: 'expense', group: true },
  { code: '5100', name: 'Cost of goods sold', type: 'expense', parent: '5000', role: 'cogs' },
  { code: '6000', name: 'Operating expenses', type: 'expense', group: true },
  { code: '6100', name: 'Salaries and wages', type: 'expense', parent: '6000', role: 'salaries' },
  { code: '6200', name: 'Rent', type: 'expense', parent: '6000' },
  { code: '6300', name: 'Utilities', type: 'expense', parent: '6000' },
  { code: '6400', name: 'Office and supplies', type: 'expense', parent: '6000', role: 'purchases' },
  { code: '6500', name: 'Travel', type: 'expense', parent: '6000' },
  { code: '6600', name: 'Professional fees', type: 'expense', parent: '6000' },
  { code: '6700', name: 'Depreciation', type: 'expense', parent: '6000' },
  { code: '6800', name: 'Bank fees', type: 'expense', parent: '6000' },
  { code: '6900', name: 'Exchange differences and rounding', type: 'expense', parent: '6000', role: 'fx-rounding' },
];

/**
 * The ledger's first use: settings with the base currency, and the default chart with its account
 * roles. Idempotent and safe under concurrency (advisory lock); runs inside the caller's transaction.
 */
export async function ensureLedger(db: Db): Promise<void> {
  const existing = await settings.findSettingsId(db);
  if (existing) return;
  await inTransaction(db, (trx) => createLedger(trx));
}

async function createLedger(trx: Db): Promise<void> {
  await settings.lockLedgerSetup(trx);
  if (await settings.findSettingsId(trx)) return;
  await settings.insertSettings(trx, DEFAULT_BASE_CURRENCY);
  const ids = new Map<string, string>();
  for (const account of DEFAULT_CHART) {
    const row = await accounts.insertChartAccount(trx, {
      code: account.code,
      name: account.name,
      type: account.type,
      is_group: account.group ?? false,
      parent_id: account.parent ? (ids.get(account.parent) ?? null) : null,
    });
    ids.set(account.code, row.id);
    if (account.role) await accounts.insertAccountRole(trx, account.role, row.id);
  }
}

export async function baseCurrency(trx: Db): Promise<string> {
  await ensureLedger(trx);
  const row = await settings.getBaseCurrency(trx);
  return row.base_currency;
}

/** The account that plays a role (receivable, payable, retained-earnings, …). */
export async function accountForRole(trx: Db, role: string): Promise<string> {
  await ensureLedger(trx);
  const row = await accounts.findAccountForRole(trx, role);
  if (!row) throw new Error(`No account has the role "${role}"`);
  return row.account_id;
}
