import type { Db } from '../../../platform/db/database.js';
import { financeErrors } from '../finance.errors.js';
import type { AccountType } from '../finance.tables.js';
import { findAccountKinds } from './accounts.repository.js';
import { taxCodeAccountIds } from '../taxes/taxes.repository.js';

/**
 * Accounts only the system posts to (issue #21): the receivable and payable control accounts (the
 * aging is their subledger: only invoices, bills, credits and payments move them) and the tax
 * accounts (only documents' tax lines). A manual journal entry or a document line naming one is
 * refused (422 `control-account`); internal postings (documents, payments, payroll, year end) go
 * through `postJournalEntry` and are not checked here. `tax-code` stands for an account an active
 * tax code posts to (it is not a role of the chart: it comes from the tax codes).
 */
export const SYSTEM_ROLES = ['receivable', 'payable', 'tax-payable', 'tax-receivable', 'tax-code'] as const;

export interface AccountRef {
  id: string;
  path: string;
}

async function kinds(db: Db, refs: AccountRef[]) {
  const ids = [...new Set(refs.map((r) => r.id))];
  const rows = ids.length > 0 ? await findAccountKinds(db, ids) : [];
  const byId = new Map<string, { code: string; type: AccountType; roles: string[] }>();
  for (const r of rows) {
    const a = byId.get(r.id) ?? { code: r.code, type: r.type, roles: [] };
    if (r.role) a.roles.push(r.role);
    byId.set(r.id, a);
  }
  // An account an active tax code posts to is a tax account too (issue #22): it ties to the return.
  for (const id of await taxCodeAccountIds(db, ids)) byId.get(id)?.roles.push('tax-code');
  return byId;
}

function systemRole(roles: string[]) {
  return roles.find((r) => (SYSTEM_ROLES as readonly string[]).includes(r));
}

/** A manual entry (or draft) never names a control or tax account. Unknown ids are left to the other checks. */
export async function assertManualAccounts(db: Db, refs: AccountRef[]): Promise<void> {
  const byId = await kinds(db, refs);
  for (const ref of refs) {
    const a = byId.get(ref.id);
    const role = a && systemRole(a.roles);
    if (a && role)
      throw financeErrors.controlAccount(
        `Account ${a.code} is the ${role} account: only documents and payments post to it, so that it ties to its subledger.`,
        ref.path,
      );
  }
}

/** Which account types a document's lines may use: income on sales documents; expense or asset on purchases. */
export const LINE_TYPES: Record<'customer' | 'vendor', AccountType[]> = {
  customer: ['income'],
  vendor: ['expense', 'asset'],
};

/**
 * A document line uses an account of the right kind (income on invoices and credit notes, expense or
 * asset on bills and vendor credits) and never a control or tax account.
 */
export async function assertDocumentLineAccounts(
  db: Db,
  side: 'customer' | 'vendor',
  refs: AccountRef[],
): Promise<void> {
  const byId = await kinds(db, refs);
  for (const ref of refs) {
    const a = byId.get(ref.id);
    if (!a) continue;
    const role = systemRole(a.roles);
    if (role)
      throw financeErrors.controlAccount(
        `Account ${a.code} is the ${role} account: the document posts to it itself; a line uses an ${side === 'customer' ? 'income' : 'expense or asset'} account.`,
        ref.path,
      );
    if (!LINE_TYPES[side].includes(a.type))
      throw financeErrors.wrongAccountType(
        `Account ${a.code} is an ${a.type} account: ${side === 'customer' ? 'sales documents use income accounts' : 'purchase documents use expense or asset accounts'}.`,
        ref.path,
      );
  }
}
