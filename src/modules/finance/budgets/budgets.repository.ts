import { sql, type Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { BudgetLinesTable } from './budgets.tables.js';

/** Rows of budget lines per insert statement (PostgreSQL takes at most 65,535 parameters). */
const INSERT_CHUNK = 5000;

/** A budget row's key: account and department (null: none). */
export interface BudgetRowKey {
  accountId: string;
  department: string | null;
}

export function findBudget(db: Db, year: number, options: { forUpdate?: boolean } = {}) {
  const q = db.selectFrom('finance.budgets').selectAll().where('year', '=', year);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** A year's budget lines with their accounts, by account code, department and period. */
export function listBudgetLines(db: Db, year: number) {
  return db
    .selectFrom('finance.budget_lines as b')
    .innerJoin('finance.accounts as a', 'a.id', 'b.account_id')
    .select(['b.account_id', 'b.department', 'b.period', 'b.amount', 'a.code', 'a.name', 'a.type'])
    .where('b.year', '=', year)
    .orderBy('a.code')
    .orderBy('b.department')
    .orderBy('b.period')
    .execute();
}

/** Every budget with its number of rows (account × department), newest year first. */
export function listBudgets(db: Db) {
  return db
    .selectFrom('finance.budgets as b')
    .select([
      'b.year',
      'b.version',
      'b.updated_at',
      (eb) =>
        eb
          .selectFrom('finance.budget_lines as l')
          .select(sql<string>`count(distinct (l.account_id, l.department))`.as('n'))
          .whereRef('l.year', '=', 'b.year')
          .as('rows'),
    ])
    .orderBy('b.year', 'desc')
    .execute();
}

/** What a budget needs to know of the accounts `ids` (missing ones are absent). */
export function findBudgetAccounts(db: Db, ids: string[]) {
  return db.selectFrom('finance.accounts').select(['id', 'code', 'is_group']).where('id', 'in', ids).execute();
}

const pairs = (rows: BudgetRowKey[]) => sql.join(rows.map((k) => sql`(${k.accountId}::uuid, ${k.department ?? ''})`));

/** A year's stored lines (only those of the rows `keys`, when given), as the audit records them. */
export async function budgetLinesOf(trx: Db, year: number, keys?: BudgetRowKey[]) {
  let q = trx
    .selectFrom('finance.budget_lines')
    .select(['account_id', 'department', 'period', 'amount'])
    .where('year', '=', year);
  if (keys) {
    if (keys.length === 0) return [];
    q = q.where(sql<boolean>`(account_id, department) in (${pairs(keys)})`);
  }
  return q.orderBy('account_id').orderBy('department').orderBy('period').execute();
}

/** Creates a year's budget header unless it exists; returns it only when this call created it. */
export function insertBudget(trx: Db, year: number, userId: string | null) {
  return trx
    .insertInto('finance.budgets')
    .values({ year, created_by: userId, updated_by: userId })
    .onConflict((oc) => oc.column('year').doNothing())
    .returning('year')
    .executeTakeFirst();
}

export async function deleteAllLines(trx: Db, year: number): Promise<void> {
  await trx.deleteFrom('finance.budget_lines').where('year', '=', year).execute();
}

/** Deletes the lines of the rows `keys` (not empty). */
export async function deleteLinesOf(trx: Db, year: number, keys: BudgetRowKey[]): Promise<void> {
  await trx
    .deleteFrom('finance.budget_lines')
    .where('year', '=', year)
    .where(sql<boolean>`(account_id, department) in (${pairs(keys)})`)
    .execute();
}

export async function insertLines(trx: Db, values: Insertable<BudgetLinesTable>[]): Promise<void> {
  for (let i = 0; i < values.length; i += INSERT_CHUNK)
    await trx
      .insertInto('finance.budget_lines')
      .values(values.slice(i, i + INSERT_CHUNK))
      .execute();
}

/** Stamps who changed the budget and when; bumps the version unless the budget was just created. */
export function touchBudget(trx: Db, year: number, created: boolean, userId: string | null) {
  return trx
    .updateTable('finance.budgets')
    .set((eb) => ({
      version: created ? eb.ref('version') : eb('version', '+', 1),
      updated_by: userId,
      updated_at: new Date(),
    }))
    .where('year', '=', year)
    .returning('version')
    .executeTakeFirstOrThrow();
}

export async function deleteBudget(trx: Db, year: number): Promise<void> {
  await trx.deleteFrom('finance.budgets').where('year', '=', year).execute();
}

/** Whether any budget line uses the account. */
export async function hasBudgetLines(trx: Db, accountId: string): Promise<boolean> {
  return (
    (await trx
      .selectFrom('finance.budget_lines')
      .select('account_id')
      .where('account_id', '=', accountId)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

/**
 * Budgeted amounts per account for the periods `fromYm`..`toYm` (year × 100 + month, inclusive),
 * of one department when given.
 */
export function budgetTotals(db: Db, fromYm: number, toYm: number, department?: string) {
  let q = db
    .selectFrom('finance.budget_lines')
    .select(['account_id', sql<string>`sum(amount)`.as('amount')])
    .where(sql<number>`year * 100 + period`, '>=', fromYm)
    .where(sql<number>`year * 100 + period`, '<=', toYm)
    .groupBy('account_id');
  if (department !== undefined) q = q.where('department', '=', department);
  return q.execute();
}
