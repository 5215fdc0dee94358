import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import type { AccountType, AccountsTable } from '../finance.tables.js';

export type AccountRow = Selectable<AccountsTable>;

export interface AccountFilter {
  type?: AccountType | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
}

/** The chart, filtered, in code order. */
export function listAccounts(db: Db, filter: AccountFilter) {
  let q = db.selectFrom('finance.accounts').selectAll();
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb('code', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  return q.orderBy('code').execute();
}

/** Every account role, in role order. */
export function listAccountRoles(db: Db) {
  return db.selectFrom('finance.account_roles').select(['role', 'account_id']).orderBy('role').execute();
}

export function findAccount(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const q = db.selectFrom('finance.accounts').selectAll().where('id', '=', id);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function findParentId(db: Db, id: string): Promise<{ parent_id: string | null } | undefined> {
  return db.selectFrom('finance.accounts').select('parent_id').where('id', '=', id).executeTakeFirst();
}

/** An account with this code (other than `exceptId`). */
export function findAccountWithCode(db: Db, code: string, exceptId?: string) {
  let q = db.selectFrom('finance.accounts').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export function insertAccount(trx: Db, values: Insertable<AccountsTable>) {
  return trx.insertInto('finance.accounts').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Sets the given columns, bumps the version and `updated_at`. */
export function updateAccount(
  trx: Db,
  id: string,
  patch: Partial<Pick<AccountRow, 'code' | 'name' | 'parent_id' | 'description' | 'active'>>,
) {
  return trx
    .updateTable('finance.accounts')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteAccount(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('finance.accounts').where('id', '=', id).execute();
}

/** One of the account's roles, if it has any. */
export function findRoleOf(trx: Db, accountId: string) {
  return trx.selectFrom('finance.account_roles').select('role').where('account_id', '=', accountId).executeTakeFirst();
}

/** One sub-account of the account, if it has any. */
export function findChildOf(trx: Db, id: string) {
  return trx.selectFrom('finance.accounts').select('id').where('parent_id', '=', id).executeTakeFirst();
}

/** The account that plays a role. */
export function findAccountForRole(db: Db, role: string) {
  return db.selectFrom('finance.account_roles').select('account_id').where('role', '=', role).executeTakeFirst();
}

/** The accounts of several roles (those that have one). */
export function findAccountsForRoles(db: Db, roles: string[]) {
  return db.selectFrom('finance.account_roles').select(['role', 'account_id']).where('role', 'in', roles).execute();
}

/** A default-chart account, created on the ledger's first use. */
export function insertChartAccount(
  trx: Db,
  values: { code: string; name: string; type: AccountType; is_group: boolean; parent_id: string | null },
) {
  return trx.insertInto('finance.accounts').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertAccountRole(trx: Db, role: string, accountId: string): Promise<void> {
  await trx.insertInto('finance.account_roles').values({ role, account_id: accountId }).execute();
}

/** What posting needs to know of the accounts `ids` (missing ones are absent). */
export function findPostingAccounts(db: Db, ids: string[]) {
  return db
    .selectFrom('finance.accounts')
    .select(['id', 'code', 'active', 'is_group'])
    .where('id', 'in', ids)
    .execute();
}

/** Every account's id and code. */
export function listAccountCodes(db: Db) {
  return db.selectFrom('finance.accounts').select(['id', 'code']).execute();
}

/** Accounts with their type and the roles they play (for the rules on which account a line may use). */
export function findAccountKinds(db: Db, ids: string[]) {
  return db
    .selectFrom('finance.accounts as a')
    .leftJoin('finance.account_roles as r', 'r.account_id', 'a.id')
    .select(['a.id', 'a.code', 'a.type', 'r.role'])
    .where('a.id', 'in', ids)
    .execute();
}
