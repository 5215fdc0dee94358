import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { BankAccountsTable } from './banking.tables.js';

export type BankAccountRow = Selectable<BankAccountsTable>;

function withAccount(db: Db) {
  return db
    .selectFrom('finance.bank_accounts as b')
    .innerJoin('finance.accounts as a', 'a.id', 'b.account_id')
    .selectAll('b')
    .select(['a.code as account_code', 'a.name as account_name'])
    .select((eb) =>
      eb
        .selectFrom('finance.bank_statements as s')
        .whereRef('s.bank_account_id', '=', 'b.id')
        .where('s.status', '=', 'open')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('open_statements'),
    );
}
export type BankAccountWithLedger = Awaited<ReturnType<typeof findBankAccount>> & object;

export function listBankAccounts(db: Db, includeInactive: boolean) {
  let q = withAccount(db).orderBy('b.name').orderBy('b.id');
  if (!includeInactive) q = q.where('b.active', '=', true);
  return q.execute();
}

export function findBankAccount(db: Db, id: string) {
  return withAccount(db).where('b.id', '=', id).executeTakeFirst();
}

export function lockBankAccount(trx: Db, id: string) {
  return trx.selectFrom('finance.bank_accounts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findByLedgerAccount(db: Db, accountId: string) {
  return db
    .selectFrom('finance.bank_accounts')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export function insertBankAccount(trx: Db, values: Insertable<BankAccountsTable>) {
  return trx.insertInto('finance.bank_accounts').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateBankAccount(trx: Db, id: string, values: Updateable<BankAccountsTable>): Promise<void> {
  await trx
    .updateTable('finance.bank_accounts')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

/** The ledger account with its roles, to check it may stand behind a bank account. */
export function ledgerAccountWithRoles(db: Db, id: string) {
  return db
    .selectFrom('finance.accounts as a')
    .leftJoin('finance.account_roles as r', 'r.account_id', 'a.id')
    .select(['a.id', 'a.code', 'a.type', 'a.is_group', 'a.active', 'r.role'])
    .where('a.id', '=', id)
    .execute();
}

/** The ledger balance (base debit − credit) of an account for postings dated before `date`. */
export async function ledgerBalanceBefore(db: Db, accountId: string, date: string): Promise<string> {
  const row = await db
    .selectFrom('finance.journal_lines')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>(eb('debit', '-', eb.ref('credit'))), eb.val('0')).as('balance'))
    .where('account_id', '=', accountId)
    .where('posted_date', '<', date)
    .executeTakeFirstOrThrow();
  return String(row.balance);
}

/** Posted payments on a ledger account dated in a range (the demo draws statement lines from them). */
export function paymentsOnAccount(db: Db, accountId: string, from: string, to: string) {
  return db
    .selectFrom('finance.payments as p')
    .innerJoin('finance.parties as party', 'party.id', 'p.party_id')
    .select(['p.number', 'p.direction', 'p.amount', 'p.payment_date', 'party.name as party_name'])
    .where('p.account_id', '=', accountId)
    .where('p.status', '=', 'posted')
    .where('p.payment_date', '>=', from)
    .where('p.payment_date', '<=', to)
    .orderBy('p.payment_date')
    .orderBy('p.number')
    .execute();
}

/** Open invoices in a currency, oldest first (the demo pays some through the statement). */
export function openInvoices(db: Db, currency: string, limit: number) {
  return db
    .selectFrom('finance.documents as d')
    .innerJoin('finance.parties as party', 'party.id', 'd.party_id')
    .select(['d.number', 'd.total', 'd.allocated', 'party.name as party_name'])
    .where('d.kind', '=', 'invoice')
    .where('d.status', 'in', ['issued', 'partially-paid'])
    .where('d.currency', '=', currency)
    .orderBy('d.document_date')
    .orderBy('d.number')
    .limit(limit)
    .execute();
}
