import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { AccountType } from '../finance.tables.js';
import * as accounts from './accounts.repository.js';
import { ensureLedger } from './chart.js';
import { lockLedgerSetup } from './settings.repository.js';

/** An account another module needs under a role of its own (e.g. supply's `grni`), and where it goes. */
export interface RoleAccountSpec {
  role: string;
  /** Preferred code; if another account has it, the next free code after it is used. */
  code: string;
  name: string;
  type: AccountType;
  /** The code of the group account to file it under, when it exists. */
  parentCode?: string;
}

/**
 * The account that plays `spec.role`, created (with that role) on first use when the chart has none:
 * installations made before the role existed get it without a migration. Idempotent and safe under
 * concurrency (the ledger-setup advisory lock); runs inside the caller's transaction.
 */
export async function ensureRoleAccount(db: Db, spec: RoleAccountSpec): Promise<string> {
  await ensureLedger(db);
  const existing = await accounts.findAccountForRole(db, spec.role);
  if (existing) return existing.account_id;
  return inTransaction(db, async (trx) => {
    await lockLedgerSetup(trx);
    const again = await accounts.findAccountForRole(trx, spec.role);
    if (again) return again.account_id;
    const parent = spec.parentCode ? await accounts.findAccountWithCode(trx, spec.parentCode) : undefined;
    let code = spec.code;
    for (let n = Number(spec.code) + 1; await accounts.findAccountWithCode(trx, code); n++) code = String(n);
    const row = await accounts.insertChartAccount(trx, {
      code,
      name: spec.name,
      type: spec.type,
      is_group: false,
      parent_id: parent?.id ?? null,
    });
    await accounts.insertAccountRole(trx, spec.role, row.id);
    return row.id;
  });
}

/**
 * Several roles' accounts at once (one query when they all exist); a spec is created on first use as
 * `ensureRoleAccount` does, a plain role must exist. Returns them by role.
 */
export async function accountsForRoles(
  db: Db,
  roles: readonly (string | RoleAccountSpec)[],
): Promise<Record<string, string>> {
  await ensureLedger(db);
  const names = roles.map((r) => (typeof r === 'string' ? r : r.role));
  const found = await accounts.findAccountsForRoles(db, names);
  const out: Record<string, string> = Object.fromEntries(found.map((r) => [r.role, r.account_id]));
  for (const r of roles) {
    const name = typeof r === 'string' ? r : r.role;
    if (out[name]) continue;
    if (typeof r === 'string') throw new Error(`No account has the role "${r}"`);
    out[name] = await ensureRoleAccount(db, r);
  }
  return out;
}
