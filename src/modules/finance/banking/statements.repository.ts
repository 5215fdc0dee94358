import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { BankStatementLinesTable, BankStatementsTable } from './banking.tables.js';
import type { StatementFilter, StatementLineFilter } from './banking.schemas.js';

export type StatementRow = Selectable<BankStatementsTable>;
export type LineRow = Selectable<BankStatementLinesTable>;

function withTotals(db: Db) {
  return db
    .selectFrom('finance.bank_statements as s')
    .innerJoin('finance.bank_accounts as b', 'b.id', 's.bank_account_id')
    .selectAll('s')
    .select(['b.name as bank_account_name', 'b.currency', 's.end_date as endDate', 's.created_at as createdAt'])
    .select(
      sql<string>`(select coalesce(sum(l.amount), 0) from finance.bank_statement_lines l
                   where l.statement_id = s.id and l.status = 'reconciled')`.as('reconciled_sum'),
    )
    .select(
      sql<string>`(select count(*) from finance.bank_statement_lines l
                   where l.statement_id = s.id and l.status = 'reconciled')`.as('reconciled_count'),
    );
}
export type StatementWithTotals = NonNullable<Awaited<ReturnType<typeof findStatement>>>;

export function findStatement(db: Db, id: string) {
  return withTotals(db).where('s.id', '=', id).executeTakeFirst();
}

export function listStatements(db: Db, filter: StatementFilter) {
  let q = withTotals(db);
  if (filter.bankAccountId) q = q.where('s.bank_account_id', '=', filter.bankAccountId);
  if (filter.status) q = q.where('s.status', '=', filter.status);
  return paginate(q, filter, {
    sort: { endDate: 's.end_date', createdAt: 's.created_at' },
    id: 's.id',
    idKey: 'id',
  });
}

export function lockStatement(trx: Db, id: string) {
  return trx.selectFrom('finance.bank_statements').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The closing balance of the account's latest statement (by end date, then import). */
export function lastClosingBalance(db: Db, bankAccountId: string) {
  return db
    .selectFrom('finance.bank_statements')
    .select('closing_balance')
    .where('bank_account_id', '=', bankAccountId)
    .orderBy('end_date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Lines of the bank account that already carry one of these fingerprints. */
export async function existingFingerprints(db: Db, bankAccountId: string, fingerprints: string[]) {
  const found: { fingerprint: string; statement_id: string }[] = [];
  for (let i = 0; i < fingerprints.length; i += 1000) {
    const chunk = fingerprints.slice(i, i + 1000);
    found.push(
      ...(await db
        .selectFrom('finance.bank_statement_lines')
        .select(['fingerprint', 'statement_id'])
        .where('bank_account_id', '=', bankAccountId)
        .where('fingerprint', 'in', chunk)
        .execute()),
    );
  }
  return found;
}

export function insertStatement(trx: Db, values: Insertable<BankStatementsTable>) {
  return trx.insertInto('finance.bank_statements').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertLines(trx: Db, rows: Insertable<BankStatementLinesTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('finance.bank_statement_lines')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export function listLines(db: Db, statementId: string, filter: StatementLineFilter) {
  let q = db
    .selectFrom('finance.bank_statement_lines as l')
    .selectAll('l')
    .select('l.line_no as lineNo')
    .where('l.statement_id', '=', statementId);
  if (filter.status) q = q.where('l.status', '=', filter.status);
  return paginate(q, filter, { sort: { lineNo: 'l.line_no' }, id: 'l.id', idKey: 'id' });
}

export function unmatchedLines(db: Db, statementId: string, lineIds?: string[]) {
  let q = db
    .selectFrom('finance.bank_statement_lines')
    .selectAll()
    .where('statement_id', '=', statementId)
    .where('status', '=', 'unmatched');
  if (lineIds) q = q.where('id', 'in', lineIds);
  return q.orderBy('line_no').execute();
}

export function findLine(db: Db, statementId: string, lineId: string) {
  return db
    .selectFrom('finance.bank_statement_lines')
    .selectAll()
    .where('id', '=', lineId)
    .where('statement_id', '=', statementId)
    .executeTakeFirst();
}

/** The line, locked: two bookkeepers reconciling it at once queue here, the second sees the first's result. */
export function lockLine(trx: Db, statementId: string, lineId: string) {
  return trx
    .selectFrom('finance.bank_statement_lines')
    .selectAll()
    .where('id', '=', lineId)
    .where('statement_id', '=', statementId)
    .forUpdate()
    .executeTakeFirst();
}

export async function markReconciled(
  trx: Db,
  id: string,
  values: {
    match_kind: 'payment' | 'documents' | 'entry';
    payment_id: string | null;
    journal_entry_id: string | null;
    rule_id: string | null;
    reconciled_by: string | null;
  },
): Promise<void> {
  await trx
    .updateTable('finance.bank_statement_lines')
    .set((eb) => ({ ...values, status: 'reconciled', reconciled_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markUnmatched(trx: Db, id: string): Promise<void> {
  await trx
    .updateTable('finance.bank_statement_lines')
    .set((eb) => ({
      status: 'unmatched',
      match_kind: null,
      payment_id: null,
      journal_entry_id: null,
      rule_id: null,
      reconciled_by: null,
      reconciled_at: null,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

export async function setStatementStatus(trx: Db, id: string, status: 'open' | 'finished'): Promise<void> {
  await trx
    .updateTable('finance.bank_statements')
    .set((eb) => ({
      status,
      finished_at: status === 'finished' ? new Date() : null,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}

export async function touchStatement(trx: Db, id: string): Promise<void> {
  await trx
    .updateTable('finance.bank_statements')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

/** Posted payments on a ledger account, in a currency, that no statement line holds yet. */
export function openPayments(db: Db, accountId: string, currency: string) {
  return db
    .selectFrom('finance.payments as p')
    .innerJoin('finance.parties as party', 'party.id', 'p.party_id')
    .select([
      'p.id',
      'p.number',
      'p.direction',
      'p.amount',
      'p.payment_date',
      'p.reference',
      'p.party_id',
      'party.name as party_name',
    ])
    .where('p.account_id', '=', accountId)
    .where('p.currency', '=', currency)
    .where('p.status', '=', 'posted')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('finance.bank_statement_lines as l').select('l.id').whereRef('l.payment_id', '=', 'p.id'),
        ),
      ),
    )
    .execute();
}

/** Open invoices and bills in a currency (what is left to pay). */
export function openItems(db: Db, currency: string) {
  return db
    .selectFrom('finance.documents as d')
    .innerJoin('finance.parties as party', 'party.id', 'd.party_id')
    .select([
      'd.id',
      'd.kind',
      'd.number',
      'd.reference',
      'd.party_id',
      'd.document_date',
      sql<string>`d.total - d.allocated`.as('open'),
      'party.name as party_name',
    ])
    .where('d.kind', 'in', ['invoice', 'bill'])
    .where('d.status', 'in', ['issued', 'partially-paid'])
    .where('d.currency', '=', currency)
    .whereRef('d.allocated', '<', 'd.total')
    .execute();
}

export function activeParties(db: Db) {
  return db.selectFrom('finance.parties').select(['id', 'name']).where('active', '=', true).execute();
}

/** A payment as a line may be matched to it. */
export function findPayment(trx: Db, id: string) {
  return trx
    .selectFrom('finance.payments')
    .select(['id', 'number', 'status', 'direction', 'amount', 'account_id', 'currency'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The early-payment discounts taken with a payment (`documents/early-discount.ts`), not voided. */
export function discountPaymentsOf(trx: Db, paymentId: string) {
  return trx
    .selectFrom('finance.payments')
    .select('id')
    .where('discount_of_payment_id', '=', paymentId)
    .where('status', '=', 'posted')
    .orderBy('id')
    .execute();
}

export function allocationsOfPayment(trx: Db, paymentId: string) {
  return trx
    .selectFrom('finance.allocations as a')
    .select(['a.id', 'a.document_id'])
    .where('a.payment_id', '=', paymentId)
    .where('a.reverses_allocation_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('finance.allocations as r').select('r.id').whereRef('r.reverses_allocation_id', '=', 'a.id'),
        ),
      ),
    )
    .execute();
}

export function documentParties(trx: Db, ids: string[]) {
  return trx.selectFrom('finance.documents').select(['id', 'party_id', 'kind']).where('id', 'in', ids).execute();
}

/** The statement, share-locked: reconciliations run side by side, finishing it waits for them. */
export function shareLockStatement(trx: Db, id: string) {
  return trx.selectFrom('finance.bank_statements').selectAll().where('id', '=', id).forShare().executeTakeFirst();
}

export function lineOfPayment(trx: Db, paymentId: string) {
  return trx
    .selectFrom('finance.bank_statement_lines')
    .select('id')
    .where('payment_id', '=', paymentId)
    .executeTakeFirst();
}
