import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { amountTerm } from './search-terms.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { PaymentsTable } from './documents.tables.js';
import type { PaymentFilter } from './payments.schemas.js';

export type PaymentRow = Selectable<PaymentsTable>;

function withParty(db: Db) {
  return db
    .selectFrom('finance.payments as p')
    .innerJoin('finance.parties as party', 'party.id', 'p.party_id')
    .selectAll('p')
    .select('party.name as party_name');
}

/** A payment with its party's name. */
export function findPaymentWithParty(db: Db, id: string) {
  return withParty(db).where('p.id', '=', id).executeTakeFirst();
}

export function findPaymentId(db: Db, id: string) {
  return db.selectFrom('finance.payments').select('id').where('id', '=', id).executeTakeFirst();
}

export function lockPayment(trx: Db, id: string) {
  return trx.selectFrom('finance.payments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A page of payments with their party's name. */
export function listPayments(db: Db, filter: PaymentFilter) {
  let q = withParty(db).select(['p.payment_date as date', 'p.created_at as createdAt']);
  if (filter.direction) q = q.where('p.direction', '=', filter.direction);
  if (filter.status) q = q.where('p.status', 'in', filter.status);
  if (filter.partyId) q = q.where('p.party_id', '=', filter.partyId);
  if (filter.from) q = q.where('p.payment_date', '>=', filter.from);
  if (filter.to) q = q.where('p.payment_date', '<=', filter.to);
  if (filter.unallocated) q = q.where('p.status', '=', 'posted').whereRef('p.allocated', '<', 'p.amount');
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    const amount = amountTerm(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb('p.number', 'ilike', pattern),
        eb('p.reference', 'ilike', pattern),
        eb('party.name', 'ilike', pattern),
        ...(amount ? [eb('p.amount', '=', amount)] : []),
      ]),
    );
  }
  return paginate(q, filter, {
    sort: { date: 'p.payment_date', number: 'p.number', amount: 'p.amount', createdAt: 'p.created_at' },
    id: 'p.id',
    idKey: 'id',
  });
}

export function insertPayment(trx: Db, values: Insertable<PaymentsTable>) {
  return trx.insertInto('finance.payments').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Bumps the version and `updated_at` (after an allocation). */
export async function touchPayment(trx: Db, id: string): Promise<void> {
  await trx
    .updateTable('finance.payments')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

export async function markPaymentVoid(trx: Db, id: string, voidEntryId: string): Promise<void> {
  await trx
    .updateTable('finance.payments')
    .set((eb) => ({
      status: 'void',
      void_entry_id: voidEntryId,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}
