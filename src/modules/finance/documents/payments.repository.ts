import type { Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { errors } from '../../../platform/errors/app-error.js';
import { paginate } from '../../../platform/http/pagination.js';
import { Money, formatDb } from '../money.js';
import { allocationsOf } from './documents.repository.js';
import type { PaymentsTable } from './documents.tables.js';
import type { PaymentFilter, PaymentSummaryDto } from './payments.schemas.js';

type PaymentRow = Selectable<PaymentsTable> & { party_name: string };

function toSummary(p: PaymentRow): PaymentSummaryDto {
  return {
    id: p.id,
    direction: p.direction,
    number: p.number,
    status: p.status,
    partyId: p.party_id,
    partyName: p.party_name,
    date: p.payment_date,
    currency: p.currency,
    exchangeRate: new Money(p.exchange_rate).toString(),
    amount: formatDb(p.amount, p.currency),
    allocated: formatDb(p.allocated, p.currency),
    unallocated: formatDb(new Money(p.amount).minus(p.allocated).toString(), p.currency),
    accountId: p.account_id,
    reference: p.reference,
    memo: p.memo,
    journalEntryId: p.journal_entry_id,
    voidEntryId: p.void_entry_id,
    version: p.version,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
  };
}

function withParty(db: Db) {
  return db
    .selectFrom('finance.payments as p')
    .innerJoin('finance.parties as party', 'party.id', 'p.party_id')
    .selectAll('p')
    .select('party.name as party_name');
}

export async function getPayment(db: Db, id: string) {
  const row = await withParty(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('Payment', id);
  return { ...toSummary(row), allocations: await allocationsOf(db, { paymentId: id }) };
}

export async function listPaymentAllocations(db: Db, id: string) {
  const row = await db.selectFrom('finance.payments').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('Payment', id);
  return { items: await allocationsOf(db, { paymentId: id }) };
}

export async function listPayments(db: Db, filter: PaymentFilter) {
  let q = withParty(db).select(['p.payment_date as date', 'p.created_at as createdAt']);
  if (filter.direction) q = q.where('p.direction', '=', filter.direction);
  if (filter.status) q = q.where('p.status', 'in', filter.status);
  if (filter.partyId) q = q.where('p.party_id', '=', filter.partyId);
  if (filter.from) q = q.where('p.payment_date', '>=', filter.from);
  if (filter.to) q = q.where('p.payment_date', '<=', filter.to);
  if (filter.unallocated) q = q.where('p.status', '=', 'posted').whereRef('p.allocated', '<', 'p.amount');
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb('p.number', 'ilike', pattern),
        eb('p.reference', 'ilike', pattern),
        eb('party.name', 'ilike', pattern),
      ]),
    );
  }
  const page = await paginate(q, filter, {
    sort: { date: 'p.payment_date', number: 'p.number', amount: 'p.amount', createdAt: 'p.created_at' },
    id: 'p.id',
    idKey: 'id',
  });
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
}
